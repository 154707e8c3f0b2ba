package org.peertracker.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The envelope of every event, the same at the HTTP edge and on Kafka.
 *
 * @param receivedAt  set by the intake, never by a client
 * @param submittedBy set by the intake from the bearer token, never by a client
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
        Submitter submittedBy,
        Payload payload) {

    /**
     * The Kafka record key: the payload's subject, so one subject's events keep their order (a correction's is its
     * target's subject, so that it shares the target's partition).
     */
    public String key() {
        return payload.subject();
    }

    public EventType eventType() {
        return EventType.of(payload);
    }

    /** The type's topic; a correction goes to its target type's, where every family that read the target reads it. */
    public String topic() {
        return payload instanceof CorrectionPayload correction
                ? EventType.byToken(correction.targetType())
                        .map(EventType::topic)
                        .orElseThrow()
                : eventType().topic();
    }

    public Event withReceivedAt(Instant at) {
        return new Event(
                eventId, type, version, orgId, peerId, deviceId, deviceSeq, occurredAt, at, submittedBy, payload);
    }

    public Event withSubmittedBy(Submitter submitter) {
        return new Event(
                eventId, type, version, orgId, peerId, deviceId, deviceSeq, occurredAt, receivedAt, submitter, payload);
    }

    public Event withPayload(Payload replacement) {
        return new Event(
                eventId,
                type,
                version,
                orgId,
                peerId,
                deviceId,
                deviceSeq,
                occurredAt,
                receivedAt,
                submittedBy,
                replacement);
    }
}
