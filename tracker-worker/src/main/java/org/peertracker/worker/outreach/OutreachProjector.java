package org.peertracker.worker.outreach;

import static org.peertracker.views.FieldPath.of;

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
import org.peertracker.views.OutreachDaily;
import org.peertracker.views.OutreachFigures;
import org.peertracker.views.OutreachSessions;
import org.peertracker.views.OutreachSignals;
import org.peertracker.views.ViewFamily;
import org.peertracker.worker.mongo.DocumentUpdate;
import org.peertracker.worker.mongo.Ranked;
import org.peertracker.worker.projection.Projector;
import org.peertracker.worker.projection.ViewIndexes;
import org.peertracker.worker.projection.ViewProperties;
import org.peertracker.worker.projection.ViewUpdate;
import org.springframework.stereotype.Component;

/**
 * Outreach views: {@code outreach_sessions} (one per session), {@code outreach_daily} (per org, day and area) and
 * {@code outreach_signals} (the signal feed). Every update commutes, so a contact that arrives before its
 * session's start still counts, and the session's area is its first start's (or, until a start is seen, its first
 * contact's), whatever order they arrive in.
 */
@Component
class OutreachProjector implements Projector {

    static final String SESSIONS = OutreachSessions.COLLECTION;
    static final String DAILY = OutreachDaily.COLLECTION;
    static final String SIGNALS = OutreachSignals.COLLECTION;

    private final ViewProperties views;

    OutreachProjector(ViewProperties views) {
        this.views = views;
    }

    @Override
    public ViewFamily family() {
        return ViewFamily.OUTREACH;
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
                .min(
                        OutreachSessions.START,
                        Ranked.by(
                                event.occurredAt(),
                                event.eventId(),
                                Map.of(
                                        OutreachSessions.AREA,
                                        started.area(),
                                        OutreachSessions.SITE_TYPE,
                                        started.siteType())))
                .min(OutreachSessions.STARTED_AT, event.occurredAt());
        var day = daily(event, started.area()).inc(OutreachDaily.SESSIONS, 1);
        return List.of(
                new ViewUpdate(SESSIONS, OutreachSessions.key(event.orgId(), started.sessionId()), session),
                new ViewUpdate(DAILY, dailyId(event, started.area()), day));
    }

    private List<ViewUpdate> on(Event event, ContactRecorded contact) {
        var session = session(event, contact.sessionId())
                .min(
                        OutreachSessions.FIRST_CONTACT,
                        Ranked.by(event.occurredAt(), event.eventId(), Map.of(OutreachSessions.AREA, contact.area())));
        var day = daily(event, contact.area());
        for (var figures : List.of(session, day)) {
            figures.inc(OutreachFigures.CONTACTS, 1)
                    .inc(OutreachFigures.NEW_CONTACTS, contact.newContact() ? 1 : 0)
                    .inc(OutreachFigures.PEOPLE_REACHED, contact.groupSize());
            contact.materials()
                    .byName()
                    .forEach((material, count) -> figures.inc(of(OutreachFigures.MATERIALS, material), count));
        }
        return List.of(
                new ViewUpdate(SESSIONS, OutreachSessions.key(event.orgId(), contact.sessionId()), session),
                new ViewUpdate(DAILY, dailyId(event, contact.area()), day));
    }

    private List<ViewUpdate> on(Event event, SignalReported signal) {
        var feed = new DocumentUpdate()
                .setOnInsert(OutreachSignals.ORG_ID, event.orgId())
                .setOnInsert(OutreachSignals.EVENT_ID, event.eventId().toString())
                .setOnInsert(OutreachSignals.SESSION_ID, signal.sessionId())
                .setOnInsert(OutreachSignals.PEER_ID, event.peerId())
                .setOnInsert(OutreachSignals.KIND, signal.kind())
                .setOnInsert(OutreachSignals.AREA, signal.area())
                .setOnInsert(OutreachSignals.SEVERITY, signal.severity())
                .setOnInsert(OutreachSignals.TEXT, signal.text())
                .setOnInsert(OutreachSignals.OCCURRED_AT, event.occurredAt());
        var session = session(event, signal.sessionId()).inc(OutreachFigures.SIGNALS, 1);
        return List.of(
                new ViewUpdate(
                        SIGNALS,
                        OutreachSignals.key(event.orgId(), event.eventId().toString()),
                        feed),
                new ViewUpdate(SESSIONS, OutreachSessions.key(event.orgId(), signal.sessionId()), session),
                new ViewUpdate(
                        DAILY,
                        dailyId(event, signal.area()),
                        daily(event, signal.area()).inc(OutreachFigures.SIGNALS, 1)));
    }

    private List<ViewUpdate> on(Event event, SessionEnded ended) {
        var session = session(event, ended.sessionId()).max(OutreachSessions.ENDED_AT, event.occurredAt());
        return List.of(new ViewUpdate(SESSIONS, OutreachSessions.key(event.orgId(), ended.sessionId()), session));
    }

    private DocumentUpdate session(Event event, String sessionId) {
        return new DocumentUpdate()
                .set(OutreachSessions.ORG_ID, event.orgId())
                .set(OutreachSessions.SESSION_ID, sessionId)
                .addToSet(OutreachSessions.PEERS, event.peerId())
                .max(OutreachSessions.LAST_ACTIVITY_AT, event.occurredAt());
    }

    private DocumentUpdate daily(Event event, String area) {
        return new DocumentUpdate()
                .set(OutreachDaily.ORG_ID, event.orgId())
                .set(OutreachDaily.DAY, day(event))
                .set(OutreachDaily.AREA, area);
    }

    private String dailyId(Event event, String area) {
        return OutreachDaily.key(event.orgId(), day(event), area);
    }

    private String day(Event event) {
        return event.occurredAt().atZone(views.zone()).toLocalDate().toString();
    }

    @Override
    public Map<String, List<IndexModel>> indexes() {
        return Map.of(
                DAILY,
                        List.of(new IndexModel(
                                Indexes.ascending(OutreachDaily.ORG_ID, OutreachDaily.DAY, OutreachDaily.AREA))),
                SESSIONS,
                        List.of(
                                ViewIndexes.newestFirst(OutreachSessions.ORG_ID, OutreachSessions.LAST_ACTIVITY_AT),
                                ViewIndexes.newestFirst(
                                        OutreachSessions.ORG_ID,
                                        OutreachSessions.LAST_ACTIVITY_AT,
                                        OutreachSessions.PEERS)),
                SIGNALS, List.of(ViewIndexes.newestFirst(OutreachSignals.ORG_ID, OutreachSignals.OCCURRED_AT)));
    }
}
