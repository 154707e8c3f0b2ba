package org.peertracker.worker.projection;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.peertracker.events.CorrectionPayload;
import org.peertracker.events.Event;
import org.peertracker.events.EventCodec;
import org.peertracker.views.Applied;
import org.peertracker.views.ViewKey;

/**
 * A record as the pipeline sees it: where it is in its partition and the event it carries.
 *
 * @param source its topic and partition as a field name ({@link Applied#source})
 * @param json   the event as published
 */
record Arrival(String topic, int partition, long offset, String source, Event event, String json) {

    static Arrival of(ConsumerRecord<String, byte[]> record) {
        var event = EventCodec.read(record.value());
        return new Arrival(
                record.topic(),
                record.partition(),
                record.offset(),
                Applied.source(record.topic(), record.partition()),
                event,
                new String(record.value(), StandardCharsets.UTF_8));
    }

    /** The event's id within its organisation ({@code orgId|eventId}). */
    String eventId() {
        return ViewKey.of(event.orgId(), event.eventId().toString());
    }

    boolean isCorrection() {
        return event.payload() instanceof CorrectionPayload;
    }

    /** The target of a correction, as {@code orgId|eventId}. */
    String target() {
        return ViewKey.of(
                event.orgId(),
                ((CorrectionPayload) event.payload()).targetEventId().toString());
    }

    /**
     * A digest of what the event says, not when it was received nor by whom: two records of one eventId with
     * different digests are a conflicting re-send.
     */
    String content() {
        try {
            var said = EventCodec.writeBytes(event.withReceivedAt(null).withSubmittedBy(null));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(said));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
