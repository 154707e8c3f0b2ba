/** Kafka: one listener container per projector, seeking to stored positions, with retries and dead letters. */
package org.peertracker.worker.kafka;
