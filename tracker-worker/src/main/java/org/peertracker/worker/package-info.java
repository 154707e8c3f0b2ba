/** The worker: Kafka consumers that project the event topics into MongoDB views. */
package org.peertracker.worker;
