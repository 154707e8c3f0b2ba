package org.peertracker.worker.outreach;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;
import java.util.List;
import java.util.Map;
import org.peertracker.events.ContactRecorded;
import org.peertracker.events.Event;
import org.peertracker.events.OutreachPayload;
import org.peertracker.events.SessionEnded;
import org.peertracker.events.SessionStarted;
import org.peertracker.events.SignalReported;
import org.peertracker.events.Topics;
import org.peertracker.worker.mongo.DocumentUpdate;
import org.peertracker.worker.projection.Projector;
import org.peertracker.worker.projection.ViewProperties;
import org.peertracker.worker.projection.ViewUpdate;
import org.springframework.stereotype.Component;

/**
 * Outreach views: {@code outreach_sessions} (one per session), {@code outreach_daily} (per org, day and area) and
 * {@code outreach_signals} (the signal feed). Every update commutes, so a contact that arrives before its
 * session's start still counts, and the session fills in when the start arrives.
 */
@Component
class OutreachProjector implements Projector {

    static final String SESSIONS = "outreach_sessions";
    static final String DAILY = "outreach_daily";
    static final String SIGNALS = "outreach_signals";

    private final ViewProperties views;

    OutreachProjector(ViewProperties views) {
        this.views = views;
    }

    @Override
    public String name() {
        return "outreach";
    }

    @Override
    public List<String> topics() {
        return List.of(Topics.OUTREACH);
    }

    @Override
    public List<String> views() {
        return List.of(SESSIONS, DAILY, SIGNALS);
    }

    @Override
    public List<ViewUpdate> project(Event event) {
        if (!(event.payload() instanceof OutreachPayload payload)) {
            return List.of();
        }
        return switch (payload) {
            case SessionStarted started -> on(event, started);
            case ContactRecorded contact -> on(event, contact);
            case SignalReported signal -> on(event, signal);
            case SessionEnded ended -> on(event, ended);
        };
    }

    private List<ViewUpdate> on(Event event, SessionStarted started) {
        var session = session(event, started.sessionId())
                .set("area", started.area())
                .set("siteType", started.siteType())
                .min("startedAt", event.occurredAt());
        var day = daily(event, started.area()).inc("sessions", 1);
        return List.of(new ViewUpdate(SESSIONS, id(event, started.sessionId()), session),
                new ViewUpdate(DAILY, dailyId(event, started.area()), day));
    }

    private List<ViewUpdate> on(Event event, ContactRecorded contact) {
        var session = session(event, contact.sessionId()).setOnInsert("area", contact.area());
        var day = daily(event, contact.area());
        for (var figures : List.of(session, day)) {
            figures.inc("contacts", 1)
                    .inc("newContacts", contact.newContact() ? 1 : 0)
                    .inc("peopleReached", contact.groupSize());
            contact.materials().byName().forEach((material, count) -> figures.inc("materials." + material, count));
        }
        return List.of(new ViewUpdate(SESSIONS, id(event, contact.sessionId()), session),
                new ViewUpdate(DAILY, dailyId(event, contact.area()), day));
    }

    private List<ViewUpdate> on(Event event, SignalReported signal) {
        var feed = new DocumentUpdate()
                .setOnInsert("orgId", event.orgId())
                .setOnInsert("eventId", event.eventId().toString())
                .setOnInsert("sessionId", signal.sessionId())
                .setOnInsert("peerId", event.peerId())
                .setOnInsert("kind", signal.kind())
                .setOnInsert("area", signal.area())
                .setOnInsert("severity", signal.severity())
                .setOnInsert("text", signal.text())
                .setOnInsert("occurredAt", event.occurredAt());
        return List.of(new ViewUpdate(SIGNALS, id(event, event.eventId().toString()), feed),
                new ViewUpdate(SESSIONS, id(event, signal.sessionId()), session(event, signal.sessionId()).inc("signals", 1)),
                new ViewUpdate(DAILY, dailyId(event, signal.area()), daily(event, signal.area()).inc("signals", 1)));
    }

    private List<ViewUpdate> on(Event event, SessionEnded ended) {
        var session = session(event, ended.sessionId()).max("endedAt", event.occurredAt());
        return List.of(new ViewUpdate(SESSIONS, id(event, ended.sessionId()), session));
    }

    private DocumentUpdate session(Event event, String sessionId) {
        return new DocumentUpdate()
                .set("orgId", event.orgId())
                .set("sessionId", sessionId)
                .addToSet("peers", event.peerId())
                .max("lastActivityAt", event.occurredAt());
    }

    private DocumentUpdate daily(Event event, String area) {
        return new DocumentUpdate().set("orgId", event.orgId()).set("day", day(event)).set("area", area);
    }

    private String dailyId(Event event, String area) {
        return ViewUpdate.key(event.orgId(), day(event), area);
    }

    private String day(Event event) {
        return event.occurredAt().atZone(views.zone()).toLocalDate().toString();
    }

    private static String id(Event event, String subject) {
        return ViewUpdate.key(event.orgId(), subject);
    }

    @Override
    public Map<String, List<IndexModel>> indexes() {
        return Map.of(
                DAILY, List.of(new IndexModel(Indexes.ascending("orgId", "day", "area"))),
                SESSIONS, List.of(new IndexModel(Indexes.ascending("orgId", "lastActivityAt"))),
                SIGNALS, List.of(new IndexModel(Indexes.ascending("orgId", "occurredAt"))));
    }
}
