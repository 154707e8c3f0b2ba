/**
 * Cross-cutting configuration of the API: the event topics it creates, how long reads wait for MongoDB, problem details,
 * paging, the clock (what both services share, such as Kafka's health, is {@code org.peertracker.service}).
 */
package org.peertracker.api.system;
