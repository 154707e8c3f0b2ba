/**
 * What tracker-api and tracker-worker share, as Spring Boot auto-configuration: tokens ({@code security}), the
 * topics they create and Kafka's health ({@code kafka}), the views' database ({@code mongo}).
 */
package org.peertracker.service;
