package org.peertracker.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The envelope of every event, the same at the HTTP edge and on Kafka.
 *
 * @param receivedAt set by the intake, never by a client
 */
public record Event(
        UUID eventId,
        String type,
        int version,
        String orgId,
        String peerId,
        String deviceId,
        Long deviceSeq,
        Instant occurredAt,
        Instant receivedAt,
        Payload payload) {

    /** The Kafka record key: the payload's subject, so one subject's events keep their order. */
    public String key() {
        return payload.subject();
    }

    public EventType eventType() {
        return EventType.of(payload);
    }

    public String topic() {
        return eventType().topic();
    }

    public Event withReceivedAt(Instant at) {
        return new Event(eventId, type, version, orgId, peerId, deviceId, deviceSeq, occurredAt, at, payload);
    }

    public Event withPayload(Payload replacement) {
        return new Event(eventId, type, version, orgId, peerId, deviceId, deviceSeq, occurredAt, receivedAt, replacement);
    }
}
