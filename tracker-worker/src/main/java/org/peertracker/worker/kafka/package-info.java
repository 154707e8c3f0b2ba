/**
 * Kafka: the consumers of the event topics, one listener container per view family (and per rebuild), dead letters
 * and their replay, and the view-change notifications (Kafka's health is the shared service support's).
 */
package org.peertracker.worker.kafka;
