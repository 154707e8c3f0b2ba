package org.peertracker.worker.support;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.peertracker.events.CaseClosed;
import org.peertracker.events.CaseContactLogged;
import org.peertracker.events.CaseOpened;
import org.peertracker.events.CaseReassigned;
import org.peertracker.events.Event;
import org.peertracker.events.ReferralClosed;
import org.peertracker.events.ReferralMade;
import org.peertracker.events.SupportPayload;
import org.peertracker.events.Topics;
import org.peertracker.worker.mongo.DocumentUpdate;
import org.peertracker.worker.mongo.Ranked;
import org.peertracker.worker.projection.Projector;
import org.peertracker.worker.projection.ViewProperties;
import org.peertracker.worker.projection.ViewUpdate;
import org.springframework.stereotype.Component;

/**
 * Support views: {@code support_cases} (one per case) and {@code support_caseload} (per org, peer and month:
 * contacts, minutes, cases opened and closed). Every update commutes: a contact logged on a case whose opening is
 * not yet seen still counts, a referral closed before its making is seen still nets to zero pending.
 * <p>
 * A case's identity is its first opening, kept whole ({@code opening}: who opened it, the client reference, needs,
 * referral source): the first received wins ({@code $min} over receivedAt and eventId, which no client can set), so a
 * second opening of the same caseId (the intake refuses one it can see; two may race) never replaces the client or
 * the owner. Its owner is the opener until a coordinator reassigns it ({@code reassignment}, the latest by time).
 */
@Component
class SupportProjector implements Projector {

    static final String CASES = "support_cases";
    static final String CASELOAD = "support_caseload";

    private static final DateTimeFormatter SORTABLE_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final ViewProperties views;

    SupportProjector(ViewProperties views) {
        this.views = views;
    }

    @Override
    public String name() {
        return "support";
    }

    @Override
    public List<String> topics() {
        return List.of(Topics.SUPPORT);
    }

    @Override
    public List<String> views() {
        return List.of(CASES, CASELOAD);
    }

    @Override
    public List<ViewUpdate> project(Event event) {
        if (!(event.payload() instanceof SupportPayload payload)) {
            return List.of();
        }
        return switch (payload) {
            case CaseOpened opened -> on(event, opened);
            case CaseContactLogged contact -> on(event, contact);
            case ReferralMade referral -> on(event, referral);
            case ReferralClosed referral -> on(event, referral);
            case CaseReassigned reassigned -> on(event, reassigned);
            case CaseClosed closed -> on(event, closed);
        };
    }

    private List<ViewUpdate> on(Event event, CaseOpened opened) {
        var fields = new LinkedHashMap<String, Object>();
        fields.put("eventId", event.eventId().toString());
        fields.put("peerId", event.peerId());
        fields.put("openedAt", Date.from(event.occurredAt()));
        fields.put("clientRef", opened.clientRef());
        fields.put("needs", opened.needs());
        fields.put("referredBy", opened.referredBy());
        var first = SORTABLE_TIME.format(event.receivedAt() != null ? event.receivedAt() : event.occurredAt()) + "|"
                + event.eventId();
        var update = caseOf(event, opened.caseId()).min("opening", new Ranked(first, fields));
        return List.of(new ViewUpdate(CASES, id(event, opened.caseId()), update),
                new ViewUpdate(CASELOAD, caseloadId(event), caseload(event).inc("casesOpened", 1)));
    }

    private List<ViewUpdate> on(Event event, CaseContactLogged contact) {
        var update = caseOf(event, contact.caseId())
                .inc("contacts", 1)
                .inc("minutes", contact.minutes())
                .inc("modes." + contact.mode(), 1)
                .max("lastContactAt", event.occurredAt());
        var load = caseload(event).inc("contacts", 1).inc("minutes", contact.minutes());
        return List.of(new ViewUpdate(CASES, id(event, contact.caseId()), update),
                new ViewUpdate(CASELOAD, caseloadId(event), load));
    }

    private List<ViewUpdate> on(Event event, ReferralMade referral) {
        var prefix = "referrals." + referral.referralId() + ".";
        var update = caseOf(event, referral.caseId())
                .set(prefix + "service", referral.service())
                .min(prefix + "madeAt", event.occurredAt())
                .inc("referralsPending", 1);
        return List.of(new ViewUpdate(CASES, id(event, referral.caseId()), update));
    }

    private List<ViewUpdate> on(Event event, ReferralClosed referral) {
        var prefix = "referrals." + referral.referralId() + ".";
        var update = caseOf(event, referral.caseId())
                .set(prefix + "outcome", referral.outcome())
                .max(prefix + "closedAt", event.occurredAt())
                .inc("referralsPending", -1);
        return List.of(new ViewUpdate(CASES, id(event, referral.caseId()), update));
    }

    private List<ViewUpdate> on(Event event, CaseReassigned reassigned) {
        var latest = SORTABLE_TIME.format(event.occurredAt()) + "|" + event.eventId();
        var update = caseOf(event, reassigned.caseId()).max("reassignment",
                new Ranked(latest, Map.of("peerId", reassigned.toPeerId(), "at", Date.from(event.occurredAt()))));
        return List.of(new ViewUpdate(CASES, id(event, reassigned.caseId()), update));
    }

    private List<ViewUpdate> on(Event event, CaseClosed closed) {
        var update = caseOf(event, closed.caseId())
                .set("outcome", closed.outcome())
                .max("closedAt", event.occurredAt());
        return List.of(new ViewUpdate(CASES, id(event, closed.caseId()), update),
                new ViewUpdate(CASELOAD, caseloadId(event), caseload(event).inc("casesClosed", 1)));
    }

    private static DocumentUpdate caseOf(Event event, String caseId) {
        return new DocumentUpdate()
                .set("orgId", event.orgId())
                .set("caseId", caseId)
                .max("lastActivityAt", event.occurredAt());
    }

    private DocumentUpdate caseload(Event event) {
        return new DocumentUpdate().set("orgId", event.orgId()).set("peerId", event.peerId()).set("month", month(event));
    }

    private String caseloadId(Event event) {
        return ViewUpdate.key(event.orgId(), event.peerId(), month(event));
    }

    private String month(Event event) {
        return YearMonth.from(event.occurredAt().atZone(views.zone())).toString();
    }

    private static String id(Event event, String caseId) {
        return ViewUpdate.key(event.orgId(), caseId);
    }

    @Override
    public Map<String, List<IndexModel>> indexes() {
        return Map.of(
                CASES, List.of(new IndexModel(Indexes.ascending("orgId", "closedAt", "opening.peerId")),
                        new IndexModel(Indexes.ascending("orgId", "reassignment.peerId"))),
                CASELOAD, List.of(new IndexModel(Indexes.ascending("orgId", "month", "peerId"))));
    }
}
