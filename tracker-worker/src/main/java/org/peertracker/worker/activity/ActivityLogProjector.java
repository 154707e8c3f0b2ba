package org.peertracker.worker.activity;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.peertracker.events.Event;
import org.peertracker.events.EventCodec;
import org.peertracker.events.Topics;
import org.peertracker.views.ActivityLog;
import org.peertracker.worker.mongo.DocumentUpdate;
import org.peertracker.worker.projection.Projector;
import org.peertracker.worker.projection.ViewUpdate;
import org.springframework.stereotype.Component;

/** Projects every event, as published (with a clientRef, never a client code), into {@code activity_log}. */
@Component
class ActivityLogProjector implements Projector {

    static final String LOG = ActivityLog.COLLECTION;

    @Override
    public String name() {
        return "activity";
    }

    @Override
    public List<String> topics() {
        return Topics.EVENT_TOPICS;
    }

    @Override
    public List<String> views() {
        return List.of(LOG);
    }

    @Override
    public List<ViewUpdate> project(Event event) {
        var entry = new DocumentUpdate()
                .setOnInsert(ActivityLog.ORG_ID, event.orgId())
                .setOnInsert(ActivityLog.EVENT_ID, event.eventId().toString())
                .setOnInsert(ActivityLog.TYPE, event.type())
                .setOnInsert(ActivityLog.PEER_ID, event.peerId())
                .setOnInsert(ActivityLog.SUBJECT, event.key())
                .setOnInsert(ActivityLog.OCCURRED_AT, Date.from(event.occurredAt()))
                .setOnInsert(ActivityLog.RECEIVED_AT, event.receivedAt() == null ? null : Date.from(event.receivedAt()))
                .setOnInsert(ActivityLog.PAYLOAD, Document.parse(EventCodec.mapper().writeValueAsString(event.payload())));
        return List.of(new ViewUpdate(LOG, ActivityLog.key(event.orgId(), event.eventId().toString()), entry));
    }

    @Override
    public Map<String, List<IndexModel>> indexes() {
        return Map.of(LOG, List.of(
                new IndexModel(Indexes.ascending(ActivityLog.ORG_ID, ActivityLog.OCCURRED_AT)),
                new IndexModel(Indexes.ascending(ActivityLog.ORG_ID, ActivityLog.SUBJECT, ActivityLog.OCCURRED_AT))));
    }
}
