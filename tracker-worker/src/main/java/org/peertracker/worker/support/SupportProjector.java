package org.peertracker.worker.support;

import static org.peertracker.views.FieldPath.of;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;
import java.time.YearMonth;
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
import org.peertracker.views.SupportCaseload;
import org.peertracker.views.SupportCases;
import org.peertracker.views.SupportCases.Closing;
import org.peertracker.views.SupportCases.Opening;
import org.peertracker.views.SupportCases.Reassignment;
import org.peertracker.views.SupportCases.Referral;
import org.peertracker.views.ViewFamily;
import org.peertracker.worker.mongo.DocumentUpdate;
import org.peertracker.worker.mongo.Ranked;
import org.peertracker.worker.projection.Projector;
import org.peertracker.worker.projection.ViewIndexes;
import org.peertracker.worker.projection.ViewProperties;
import org.peertracker.worker.projection.ViewUpdate;
import org.springframework.stereotype.Component;

/**
 * Support views: {@code support_cases} (one per case) and {@code support_caseload} (per org, peer and month:
 * contacts, minutes, cases opened and closed). Every update commutes: a contact logged on a case whose opening is
 * not yet seen still counts, a referral closed before its making is seen still nets to zero pending, and what a
 * later event would overwrite is ranked instead (a case's and a referral's latest closing, a referral's first making).
 * <p>
 * A case's identity is its first opening, kept whole ({@code opening}: who opened it, the client reference, needs,
 * referral source): the first received wins ({@code $min} over receivedAt and eventId, which no client can set), so a
 * second opening of the same caseId (the intake refuses one it can see; two may race) never replaces the client or
 * the owner. Its owner is the opener until a coordinator reassigns it ({@code reassignment}, the latest by time).
 */
@Component
class SupportProjector implements Projector {

    static final String CASES = SupportCases.COLLECTION;
    static final String CASELOAD = SupportCaseload.COLLECTION;

    private final ViewProperties views;

    SupportProjector(ViewProperties views) {
        this.views = views;
    }

    @Override
    public ViewFamily family() {
        return ViewFamily.SUPPORT;
    }

    /** The cases keep their client's reference (and needs): dropped when the client is erased. */
    @Override
    public boolean keepsClientRefs() {
        return true;
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
        fields.put(Opening.EVENT_ID, event.eventId().toString());
        fields.put(Opening.PEER_ID, event.peerId());
        fields.put(Opening.OPENED_AT, Date.from(event.occurredAt()));
        fields.put(Opening.CLIENT_REF, opened.clientRef());
        fields.put(Opening.NEEDS, opened.needs());
        fields.put(Opening.REFERRED_BY, opened.referredBy());
        var received = event.receivedAt() != null ? event.receivedAt() : event.occurredAt();
        var update =
                caseOf(event, opened.caseId()).min(SupportCases.OPENING, Ranked.by(received, event.eventId(), fields));
        return List.of(
                new ViewUpdate(CASES, SupportCases.key(event.orgId(), opened.caseId()), update),
                new ViewUpdate(CASELOAD, caseloadId(event), caseload(event).inc(SupportCaseload.CASES_OPENED, 1)));
    }

    private List<ViewUpdate> on(Event event, CaseContactLogged contact) {
        var update = caseOf(event, contact.caseId())
                .inc(SupportCases.CONTACTS, 1)
                .inc(SupportCases.MINUTES, contact.minutes())
                .inc(of(SupportCases.MODES, contact.mode()), 1)
                .max(SupportCases.LAST_CONTACT_AT, event.occurredAt());
        var load = caseload(event).inc(SupportCaseload.CONTACTS, 1).inc(SupportCaseload.MINUTES, contact.minutes());
        return List.of(
                new ViewUpdate(CASES, SupportCases.key(event.orgId(), contact.caseId()), update),
                new ViewUpdate(CASELOAD, caseloadId(event), load));
    }

    private List<ViewUpdate> on(Event event, ReferralMade referral) {
        var update = caseOf(event, referral.caseId())
                .min(
                        of(SupportCases.REFERRALS, referral.referralId(), Referral.MADE),
                        Ranked.by(event.occurredAt(), event.eventId(), made(referral)))
                .min(of(SupportCases.REFERRALS, referral.referralId(), Referral.MADE_AT), event.occurredAt())
                .inc(SupportCases.REFERRALS_PENDING, 1);
        return List.of(new ViewUpdate(CASES, SupportCases.key(event.orgId(), referral.caseId()), update));
    }

    private static Map<String, Object> made(ReferralMade referral) {
        return referral.dueOn() == null
                ? Map.of(Referral.SERVICE, referral.service())
                : Map.of(
                        Referral.SERVICE,
                        referral.service(),
                        Referral.DUE_ON,
                        referral.dueOn().toString());
    }

    private List<ViewUpdate> on(Event event, ReferralClosed referral) {
        var update = caseOf(event, referral.caseId())
                .max(
                        of(SupportCases.REFERRALS, referral.referralId(), Referral.CLOSING),
                        Ranked.by(event.occurredAt(), event.eventId(), Map.of(Closing.OUTCOME, referral.outcome())))
                .max(of(SupportCases.REFERRALS, referral.referralId(), Referral.CLOSED_AT), event.occurredAt())
                .inc(SupportCases.REFERRALS_PENDING, -1);
        return List.of(new ViewUpdate(CASES, SupportCases.key(event.orgId(), referral.caseId()), update));
    }

    private List<ViewUpdate> on(Event event, CaseReassigned reassigned) {
        var update = caseOf(event, reassigned.caseId())
                .max(
                        SupportCases.REASSIGNMENT,
                        Ranked.by(
                                event.occurredAt(),
                                event.eventId(),
                                Map.of(
                                        Reassignment.PEER_ID,
                                        reassigned.toPeerId(),
                                        Reassignment.AT,
                                        Date.from(event.occurredAt()))));
        return List.of(new ViewUpdate(CASES, SupportCases.key(event.orgId(), reassigned.caseId()), update));
    }

    private List<ViewUpdate> on(Event event, CaseClosed closed) {
        var update = caseOf(event, closed.caseId())
                .max(
                        SupportCases.CLOSING,
                        Ranked.by(event.occurredAt(), event.eventId(), Map.of(Closing.OUTCOME, closed.outcome())))
                .max(SupportCases.CLOSED_AT, event.occurredAt());
        return List.of(
                new ViewUpdate(CASES, SupportCases.key(event.orgId(), closed.caseId()), update),
                new ViewUpdate(CASELOAD, caseloadId(event), caseload(event).inc(SupportCaseload.CASES_CLOSED, 1)));
    }

    private static DocumentUpdate caseOf(Event event, String caseId) {
        return new DocumentUpdate()
                .set(SupportCases.ORG_ID, event.orgId())
                .set(SupportCases.CASE_ID, caseId)
                .max(SupportCases.LAST_ACTIVITY_AT, event.occurredAt());
    }

    private DocumentUpdate caseload(Event event) {
        return new DocumentUpdate()
                .set(SupportCaseload.ORG_ID, event.orgId())
                .set(SupportCaseload.PEER_ID, event.peerId())
                .set(SupportCaseload.MONTH, month(event));
    }

    private String caseloadId(Event event) {
        return SupportCaseload.key(event.orgId(), event.peerId(), month(event));
    }

    private String month(Event event) {
        return YearMonth.from(event.occurredAt().atZone(views.zone())).toString();
    }

    @Override
    public Map<String, List<IndexModel>> indexes() {
        return Map.of(
                CASES,
                        List.of(
                                ViewIndexes.newestFirst(SupportCases.ORG_ID, SupportCases.LAST_ACTIVITY_AT),
                                new IndexModel(Indexes.ascending(
                                        SupportCases.ORG_ID,
                                        SupportCases.CLOSED_AT,
                                        of(SupportCases.OPENING, Opening.PEER_ID))),
                                new IndexModel(Indexes.ascending(
                                        SupportCases.ORG_ID, of(SupportCases.REASSIGNMENT, Reassignment.PEER_ID))),
                                // a client's cases by its reference (POST support/cases/lookup)
                                new IndexModel(Indexes.ascending(
                                        SupportCases.ORG_ID, of(SupportCases.OPENING, Opening.CLIENT_REF)))),
                CASELOAD,
                        List.of(new IndexModel(Indexes.ascending(
                                SupportCaseload.ORG_ID, SupportCaseload.MONTH, SupportCaseload.PEER_ID))));
    }
}
