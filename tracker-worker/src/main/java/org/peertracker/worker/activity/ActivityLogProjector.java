package org.peertracker.worker.activity;

import static org.peertracker.views.FieldPath.of;

import com.mongodb.client.model.IndexModel;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.peertracker.events.CorrectionPayload;
import org.peertracker.events.Event;
import org.peertracker.events.EventCodec;
import org.peertracker.views.ActivityLog;
import org.peertracker.views.ActivityLog.Correction;
import org.peertracker.views.ViewFamily;
import org.peertracker.worker.mongo.DocumentUpdate;
import org.peertracker.worker.projection.Projector;
import org.peertracker.worker.projection.ViewIndexes;
import org.peertracker.worker.projection.ViewUpdate;
import org.springframework.stereotype.Component;

/**
 * Projects every event, as published (with a clientRef, never a client code), into {@code activity_log}: the audit
 * trail. A correction is an entry of its own and is listed on its target's entry, which stays as it was logged.
 */
@Component
class ActivityLogProjector implements Projector {

    static final String LOG = ActivityLog.COLLECTION;

    @Override
    public ViewFamily family() {
        return ViewFamily.ACTIVITY;
    }

    /** The audit trail keeps what was logged and shows its corrections beside it. */
    @Override
    public boolean appliesCorrections() {
        return false;
    }

    /** The cases keep their client's reference (and needs): dropped when the client is erased. */
    @Override
    public boolean keepsClientRefs() {
        return true;
    }

    @Override
    public List<ViewUpdate> project(Event event) {
        var entry = new DocumentUpdate()
                .set(ActivityLog.ORG_ID, event.orgId())
                .set(ActivityLog.EVENT_ID, event.eventId().toString())
                .set(ActivityLog.TYPE, event.type())
                .set(ActivityLog.PEER_ID, event.peerId())
                .set(ActivityLog.SUBJECT, event.key())
                .set(ActivityLog.OCCURRED_AT, Date.from(event.occurredAt()))
                .set(ActivityLog.PAYLOAD, document(event.payload()));
        if (event.receivedAt() != null) {
            entry.set(ActivityLog.RECEIVED_AT, Date.from(event.receivedAt()));
        }
        if (event.submittedBy() != null) {
            entry.set(ActivityLog.SUBMITTED_BY, document(event.submittedBy()));
        }
        var updates = new ArrayList<ViewUpdate>();
        updates.add(new ViewUpdate(
                LOG, ActivityLog.key(event.orgId(), event.eventId().toString()), entry));
        if (event.payload() instanceof CorrectionPayload correction) {
            var listed = new Document(Correction.TYPE, event.type())
                    .append(Correction.REASON, correction.reason())
                    .append(Correction.OCCURRED_AT, Date.from(event.occurredAt()));
            if (event.submittedBy() != null) {
                listed.append(Correction.SUBMITTED_BY, document(event.submittedBy()));
            }
            updates.add(new ViewUpdate(
                    LOG,
                    ActivityLog.key(event.orgId(), correction.targetEventId().toString()),
                    new DocumentUpdate()
                            .set(of(ActivityLog.CORRECTIONS, event.eventId().toString()), listed)));
        }
        return updates;
    }

    private static Document document(Object value) {
        return Document.parse(EventCodec.mapper().writeValueAsString(value));
    }

    @Override
    public Map<String, List<IndexModel>> indexes() {
        return Map.of(
                LOG,
                List.of(
                        ViewIndexes.newestFirst(ActivityLog.ORG_ID, ActivityLog.OCCURRED_AT),
                        ViewIndexes.newestFirst(ActivityLog.ORG_ID, ActivityLog.OCCURRED_AT, ActivityLog.SUBJECT),
                        ViewIndexes.newestFirst(ActivityLog.ORG_ID, ActivityLog.OCCURRED_AT, ActivityLog.PEER_ID)));
    }
}
