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
import org.peertracker.worker.mongo.DocumentUpdate;
import org.peertracker.worker.projection.Projector;
import org.peertracker.worker.projection.ViewUpdate;
import org.springframework.stereotype.Component;

/** Projects every event, as published (with a clientRef, never a client code), into {@code activity_log}. */
@Component
class ActivityLogProjector implements Projector {

    static final String LOG = "activity_log";

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
                .setOnInsert("orgId", event.orgId())
                .setOnInsert("eventId", event.eventId().toString())
                .setOnInsert("type", event.type())
                .setOnInsert("peerId", event.peerId())
                .setOnInsert("subject", event.key())
                .setOnInsert("occurredAt", Date.from(event.occurredAt()))
                .setOnInsert("receivedAt", event.receivedAt() == null ? null : Date.from(event.receivedAt()))
                .setOnInsert("payload", Document.parse(EventCodec.mapper().writeValueAsString(event.payload())));
        return List.of(new ViewUpdate(LOG, ViewUpdate.key(event.orgId(), event.eventId().toString()), entry));
    }

    @Override
    public Map<String, List<IndexModel>> indexes() {
        return Map.of(LOG, List.of(
                new IndexModel(Indexes.ascending("orgId", "occurredAt")),
                new IndexModel(Indexes.ascending("orgId", "subject", "occurredAt"))));
    }
}
