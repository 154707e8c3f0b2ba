package org.peertracker.worker.support;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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
import org.peertracker.worker.projection.Projector;
import org.peertracker.worker.projection.ViewProperties;
import org.peertracker.worker.projection.ViewUpdate;
import org.springframework.stereotype.Component;

/**
 * Support views: {@code support_cases} (one per case) and {@code support_caseload} (per org, peer and month:
 * contacts, minutes, cases opened and closed). Every update commutes: a contact logged on a case whose opening is
 * not yet seen still counts, a referral closed before its making is seen still nets to zero pending, and the
 * owner is the latest assignment by time ({@code $max} over "time|peer").
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
        var update = caseOf(event, opened.caseId())
                .set("clientRef", opened.clientRef())
                .set("needs", opened.needs())
                .set("referredBy", opened.referredBy())
                .min("openedAt", event.occurredAt())
                .max("owner", ownership(event, event.peerId()));
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
        var update = caseOf(event, reassigned.caseId()).max("owner", ownership(event, reassigned.toPeerId()));
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

    /** "time|peer" with a fixed-width time: the greatest is the latest assignment, whatever the arrival order. */
    private static String ownership(Event event, String peerId) {
        return SORTABLE_TIME.format(event.occurredAt()) + "|" + peerId;
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
                CASES, List.of(new IndexModel(Indexes.ascending("orgId", "closedAt", "owner"))),
                CASELOAD, List.of(new IndexModel(Indexes.ascending("orgId", "month", "peerId"))));
    }
}
