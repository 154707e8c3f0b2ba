package org.peertracker.api.intake;

import static com.mongodb.client.model.Filters.in;

import com.mongodb.MongoException;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.bson.Document;
import org.peertracker.api.system.Views;
import org.peertracker.events.Event;
import org.peertracker.events.EventCodec;
import org.peertracker.views.ActivityLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What is already recorded of some events: to tell a re-send from a conflicting one, and whose event a correction
 * corrects.
 */
@FunctionalInterface
interface EventHistory {

    /** An event as the activity log recorded it. */
    record Recorded(
            String eventId,
            String type,
            String peerId,
            String subject,
            Instant occurredAt,
            Instant receivedAt,
            Document payload) {

        Recorded withPayload(Document opened) {
            return new Recorded(eventId, type, peerId, subject, occurredAt, receivedAt, opened);
        }

        /** Whether {@code event} says what this record says (not when it was received, nor by whom). */
        boolean says(Event event) {
            return type.equals(event.type())
                    && peerId.equals(event.peerId())
                    && occurredAt.toEpochMilli() == event.occurredAt().toEpochMilli()
                    && payload.equals(Document.parse(EventCodec.mapper().writeValueAsString(event.payload())));
        }
    }

    /**
     * The events of {@code eventIds} recorded, by eventId; none when the history cannot be read (a re-send is then left
     * to the worker to drop, a correction to it to check).
     */
    Map<String, Recorded> of(String orgId, Collection<String> eventIds);

    /**
     * The activity log as the history. It lags the intake by the projection's delay: an event not in it yet is
     * unknown here.
     */
    @Component
    class ActivityLogHistory implements EventHistory {

        private static final Logger log = LoggerFactory.getLogger(ActivityLogHistory.class);

        private final Views views;

        ActivityLogHistory(Views views) {
            this.views = views;
        }

        @Override
        public Map<String, Recorded> of(String orgId, Collection<String> eventIds) {
            var found = new HashMap<String, Recorded>();
            if (eventIds.isEmpty()) {
                return found;
            }
            try {
                views.whileReachable(() -> read(orgId, eventIds, found));
            } catch (MongoException e) {
                log.warn(
                        "the activity log cannot be read ({}): re-sends and corrections are checked by the worker "
                                + "alone",
                        e.getClass().getSimpleName());
                return Map.of();
            }
            return found;
        }

        private Map<String, Recorded> read(String orgId, Collection<String> eventIds, Map<String, Recorded> found) {
            views.collection(ActivityLog.COLLECTION)
                    .find(in(
                            "_id",
                            eventIds.stream()
                                    .map(id -> ActivityLog.key(orgId, id))
                                    .toList()))
                    .forEach(doc -> {
                        if (doc.getString(ActivityLog.TYPE) != null) {
                            found.put(
                                    doc.getString(ActivityLog.EVENT_ID),
                                    new Recorded(
                                            doc.getString(ActivityLog.EVENT_ID),
                                            doc.getString(ActivityLog.TYPE),
                                            doc.getString(ActivityLog.PEER_ID),
                                            doc.getString(ActivityLog.SUBJECT),
                                            instant(doc, ActivityLog.OCCURRED_AT),
                                            instant(doc, ActivityLog.RECEIVED_AT),
                                            doc.get(ActivityLog.PAYLOAD, new Document())));
                        }
                    });
            return found;
        }

        private static Instant instant(Document doc, String field) {
            return doc.get(field) instanceof Date date ? date.toInstant() : null;
        }
    }
}
