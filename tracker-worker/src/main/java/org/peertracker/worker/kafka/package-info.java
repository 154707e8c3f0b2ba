/**
 * Kafka: the consumers of the event topics, one listener container per view family (and per rebuild), dead letters
 * and their replay, the view-change notifications, and Kafka's health.
 */
package org.peertracker.worker.kafka;
