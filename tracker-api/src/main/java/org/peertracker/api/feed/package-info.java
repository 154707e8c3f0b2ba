/**
 * The event feed over HTTP, for systems without Kafka: an organisation's events as published, read from the event
 * topics, with a cursor of per-partition offsets.
 */
package org.peertracker.api.feed;
