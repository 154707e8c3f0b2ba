package org.peertracker.api.support;

import static com.mongodb.client.model.Accumulators.sum;
import static com.mongodb.client.model.Aggregates.group;
import static com.mongodb.client.model.Aggregates.match;
import static com.mongodb.client.model.Aggregates.project;
import static com.mongodb.client.model.Aggregates.unwind;
import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Projections.include;
import static org.peertracker.views.FieldPath.of;

import com.mongodb.client.MongoCollection;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.peertracker.api.system.Listing;
import org.peertracker.api.system.Paging;
import org.peertracker.api.system.Views;
import org.peertracker.views.SupportCaseload;
import org.peertracker.views.SupportCases;
import org.peertracker.views.SupportCases.Closing;
import org.peertracker.views.SupportCases.Opening;
import org.peertracker.views.SupportCases.Reassignment;
import org.springframework.stereotype.Component;

/**
 * Reads {@code support_cases} and {@code support_caseload}. A case's status follows from what was seen of it: closed
 * once a close is seen, open once its opening is seen, {@code unopened} while only later events of it have arrived.
 * Its client, needs and opener come from its first opening ({@code opening}); its owner is the opener until a
 * coordinator reassigns it ({@code reassignment}).
 */
@Component
public class Cases {

    public static final String OPEN = "open";
    public static final String CLOSED = "closed";
    static final String UNOPENED = "unopened";
    /** A referral's status until it is closed. */
    static final String PENDING = "pending";

    /** More cases of one client than any organisation opens; a lookup answers at most these. */
    static final int MAX_CASES_OF_A_CLIENT = 200;

    /** Names of the aggregations' own results, not fields of the view. */
    private static final String COUNT = "count";

    private static final String REFERRAL = "referral";
    private static final String STATUS = "referralStatus";

    private final Views views;

    Cases(Views views) {
        this.views = views;
    }

    /** A case as served. */
    public record Case(
            String caseId,

            @Schema(allowableValues = {OPEN, CLOSED, UNOPENED})
            String status,

            String ownerPeerId,
            String clientRef,
            List<String> needs,
            String referredBy,
            Instant openedAt,
            Instant closedAt,
            String outcome,
            long contacts,
            long minutes,
            Instant lastContactAt,
            long referralsPending,
            List<Referral> referrals,
            Map<String, Number> modes) {}

    /** A referral as served; {@code dueOn} when it was made with one. */
    public record Referral(
            String referralId, String service, String status, LocalDate dueOn, Instant madeAt, Instant closedAt) {}

    /**
     * Something to follow up on a case owned by {@code ownerPeerId}: a referral past its due date
     * ({@value #OVERDUE}) or due soon ({@value #DUE}), or an open case without a contact for a while
     * ({@value #QUIET}). {@code since} is the day it became one to follow up (the due date, or the day the case
     * turned quiet): the list is oldest first, the most urgent on top.
     */
    public record FollowUp(
            @Schema(allowableValues = {OVERDUE, DUE, QUIET}) String kind,
            String caseId,
            String ownerPeerId,
            String referralId,
            String service,
            LocalDate dueOn,
            Instant lastContactAt,
            LocalDate since) {}

    public record FollowUps(String orgId, LocalDate today, int dueWithinDays, int quietForDays, List<FollowUp> items) {}

    static final String OVERDUE = "referral-overdue";
    static final String DUE = "referral-due";
    static final String QUIET = "no-contact";
    /** More open cases than an organisation holds: follow-ups look at no more. */
    static final int MAX_OPEN_CASES = 10_000;

    /** One peer's load in a month: open cases owned now; contacts, minutes, cases opened and closed that month. */
    public record Caseload(
            String peerId, long openCases, long contacts, long minutes, long casesOpened, long casesClosed) {}

    public record Caseloads(
            String orgId, YearMonth month, List<Caseload> peers, Map<String, Map<String, Long>> referrals) {}

    /** What the intake needs to know of a case before it lets a peer log about it. */
    public record Standing(String openingEventId, String ownerPeerId) {

        public boolean opened() {
            return openingEventId != null;
        }
    }

    Optional<Case> find(String orgId, String caseId) {
        return views.find(SupportCases.COLLECTION, SupportCases.key(orgId, caseId), Cases::toCase);
    }

    /** Cases, most recently active first; {@code status} open, closed or null for all, {@code peerId} the owner. */
    public Listing<Case> list(String orgId, String status, String peerId) {
        return views.listing(
                SupportCases.COLLECTION,
                filter(orgId, status, peerId),
                Paging.latestFirst(SupportCases.LAST_ACTIVITY_AT),
                Cases::toCase);
    }

    /** The standing of the cases of {@code caseIds} that exist in the view, by caseId, in one query. */
    public Map<String, Standing> standings(String orgId, Collection<String> caseIds) {
        var found = new HashMap<String, Standing>();
        if (caseIds.isEmpty()) {
            return found;
        }
        cases().find(Views.byKeys(
                        caseIds.stream().map(id -> SupportCases.key(orgId, id)).toList()))
                .projection(include(
                        SupportCases.CASE_ID,
                        of(SupportCases.OPENING, Opening.EVENT_ID),
                        of(SupportCases.OPENING, Opening.PEER_ID),
                        of(SupportCases.REASSIGNMENT, Reassignment.PEER_ID)))
                .forEach(doc -> found.put(
                        doc.getString(SupportCases.CASE_ID),
                        new Standing(Views.nested(doc, SupportCases.OPENING).getString(Opening.EVENT_ID), owner(doc))));
        return found;
    }

    /** The organisation's open cases. */
    public long countOpen(String orgId) {
        return cases().countDocuments(filter(orgId, OPEN, null));
    }

    /** Referrals made and not yet closed, over all the organisation's cases. */
    public long referralsPending(String orgId) {
        long pending = 0;
        for (var doc : cases().find(and(eq(SupportCases.ORG_ID, orgId), gt(SupportCases.REFERRALS_PENDING, 0)))) {
            pending += Views.number(doc, SupportCases.REFERRALS_PENDING);
        }
        return pending;
    }

    /** Every peer's load in a month, and the organisation's referrals by service and status. */
    public Caseloads caseloads(String orgId, YearMonth month) {
        var open = openCasesByOwner(orgId);
        var monthly = new TreeMap<String, Document>();
        views.collection(SupportCaseload.COLLECTION)
                .find(and(eq(SupportCaseload.ORG_ID, orgId), eq(SupportCaseload.MONTH, month.toString())))
                .forEach(doc -> monthly.put(doc.getString(SupportCaseload.PEER_ID), doc));
        var peers = new TreeSet<String>(open.keySet());
        peers.addAll(monthly.keySet());
        var loads = peers.stream()
                .map(peer -> {
                    var doc = monthly.getOrDefault(peer, new Document());
                    return new Caseload(
                            peer,
                            open.getOrDefault(peer, 0L),
                            Views.number(doc, SupportCaseload.CONTACTS),
                            Views.number(doc, SupportCaseload.MINUTES),
                            Views.number(doc, SupportCaseload.CASES_OPENED),
                            Views.number(doc, SupportCaseload.CASES_CLOSED));
                })
                .toList();
        return new Caseloads(orgId, month, loads, referralsByService(orgId));
    }

    static Bson filter(String orgId, String status, String peerId) {
        var filters = new ArrayList<Bson>(List.of(eq(SupportCases.ORG_ID, orgId)));
        if (OPEN.equals(status)) {
            filters.add(exists(SupportCases.OPENING));
            filters.add(exists(SupportCases.CLOSED_AT, false));
        } else if (CLOSED.equals(status)) {
            filters.add(exists(SupportCases.CLOSED_AT));
        }
        if (peerId != null) {
            filters.add(or(
                    eq(of(SupportCases.REASSIGNMENT, Reassignment.PEER_ID), peerId),
                    and(
                            exists(SupportCases.REASSIGNMENT, false),
                            eq(of(SupportCases.OPENING, Opening.PEER_ID), peerId))));
        }
        return and(filters);
    }

    /** The organisation's cases of one client, by the client's reference, most recently active first. */
    List<Case> ofClient(String orgId, String clientRef) {
        var found = new ArrayList<Case>();
        cases().find(and(eq(SupportCases.ORG_ID, orgId), eq(of(SupportCases.OPENING, Opening.CLIENT_REF), clientRef)))
                .sort(Paging.latestFirst(SupportCases.LAST_ACTIVITY_AT))
                .limit(MAX_CASES_OF_A_CLIENT)
                .forEach(doc -> found.add(toCase(doc)));
        return found;
    }

    /**
     * What to follow up in the open cases of the organisation (of one owner when {@code peerId} is given): referrals
     * pending past their due date or due within {@code dueWithin} days, and cases without a contact (or, before the
     * first, since their opening) for more than {@code quietFor} days; oldest first.
     */
    FollowUps followUps(String orgId, String peerId, LocalDate today, ZoneId zone, int dueWithin, int quietFor) {
        var items = new ArrayList<FollowUp>();
        var quietBefore = today.minusDays(quietFor);
        cases().find(filter(orgId, OPEN, peerId)).limit(MAX_OPEN_CASES).forEach(doc -> {
            var found = toCase(doc);
            for (var referral : found.referrals()) {
                if (PENDING.equals(referral.status())
                        && referral.dueOn() != null
                        && !referral.dueOn().isAfter(today.plusDays(dueWithin))) {
                    items.add(new FollowUp(
                            referral.dueOn().isBefore(today) ? OVERDUE : DUE,
                            found.caseId(),
                            found.ownerPeerId(),
                            referral.referralId(),
                            referral.service(),
                            referral.dueOn(),
                            found.lastContactAt(),
                            referral.dueOn()));
                }
            }
            var lastSeen = found.lastContactAt() != null ? found.lastContactAt() : found.openedAt();
            if (lastSeen != null) {
                var day = lastSeen.atZone(zone).toLocalDate();
                if (day.isBefore(quietBefore)) {
                    items.add(new FollowUp(
                            QUIET,
                            found.caseId(),
                            found.ownerPeerId(),
                            null,
                            null,
                            null,
                            found.lastContactAt(),
                            day.plusDays(quietFor)));
                }
            }
        });
        items.sort(Comparator.comparing(FollowUp::since)
                .thenComparing(FollowUp::caseId)
                .thenComparing(f -> f.referralId() == null ? "" : f.referralId()));
        return new FollowUps(orgId, today, dueWithin, quietFor, items);
    }

    /** The owner of a case document: whom a coordinator last assigned it to, else who opened it. */
    private static String owner(Document doc) {
        var reassigned = Views.nested(doc, SupportCases.REASSIGNMENT).getString(Reassignment.PEER_ID);
        return reassigned != null
                ? reassigned
                : Views.nested(doc, SupportCases.OPENING).getString(Opening.PEER_ID);
    }

    /** Open cases per owner, counted by MongoDB: the API never holds every case of an organisation. */
    private Map<String, Long> openCasesByOwner(String orgId) {
        var counts = new TreeMap<String, Long>();
        cases().aggregate(List.of(
                        match(filter(orgId, OPEN, null)),
                        group(
                                new Document(
                                        "$ifNull",
                                        List.of(
                                                Views.ref(SupportCases.REASSIGNMENT, Reassignment.PEER_ID),
                                                Views.ref(SupportCases.OPENING, Opening.PEER_ID))),
                                sum(COUNT, 1))))
                .forEach(doc -> {
                    if (doc.get(Views.KEY) instanceof String owner) {
                        counts.put(owner, Views.number(doc, COUNT));
                    }
                });
        return counts;
    }

    /** Referrals by service and, within each, by status ({@code pending} until closed), counted by MongoDB. */
    private Map<String, Map<String, Long>> referralsByService(String orgId) {
        var table = new TreeMap<String, Map<String, Long>>();
        // each referral as {k: its id, v: its fields}
        var referral = of(REFERRAL, "v");
        var service = new Document(
                "$ifNull",
                List.of(Views.ref(referral, SupportCases.Referral.MADE, SupportCases.Referral.SERVICE), "unknown"));
        var status = new Document(
                "$ifNull", List.of(Views.ref(referral, SupportCases.Referral.CLOSING, Closing.OUTCOME), PENDING));
        cases().aggregate(List.of(
                        match(and(eq(SupportCases.ORG_ID, orgId), exists(SupportCases.REFERRALS))),
                        project(new Document(
                                REFERRAL, new Document("$objectToArray", Views.ref(SupportCases.REFERRALS)))),
                        unwind(Views.ref(REFERRAL)),
                        group(
                                new Document(SupportCases.Referral.SERVICE, service).append(STATUS, status),
                                sum(COUNT, 1))))
                .forEach(doc -> {
                    var key = doc.get(Views.KEY, Document.class);
                    table.computeIfAbsent(key.getString(SupportCases.Referral.SERVICE), s -> new TreeMap<>())
                            .put(key.getString(STATUS), Views.number(doc, COUNT));
                });
        return table;
    }

    private MongoCollection<Document> cases() {
        return views.collection(SupportCases.COLLECTION);
    }

    static Case toCase(Document doc) {
        var opening = doc.get(SupportCases.OPENING, Document.class);
        var referrals = new ArrayList<Referral>();
        if (doc.get(SupportCases.REFERRALS) instanceof Document all) {
            all.forEach((id, value) -> {
                var r = (Document) value;
                var outcome = Views.nested(r, SupportCases.Referral.CLOSING).getString(Closing.OUTCOME);
                var made = Views.nested(r, SupportCases.Referral.MADE);
                var dueOn = made.getString(SupportCases.Referral.DUE_ON);
                referrals.add(new Referral(
                        id,
                        made.getString(SupportCases.Referral.SERVICE),
                        outcome == null ? PENDING : outcome,
                        dueOn == null ? null : LocalDate.parse(dueOn),
                        Views.instant(r, SupportCases.Referral.MADE_AT),
                        Views.instant(r, SupportCases.Referral.CLOSED_AT)));
            });
        }
        referrals.sort(Comparator.comparing(Referral::referralId));
        var closedAt = Views.instant(doc, SupportCases.CLOSED_AT);
        var status = closedAt != null ? CLOSED : opening != null ? OPEN : UNOPENED;
        var opened = opening != null ? opening : new Document();
        return new Case(
                doc.getString(SupportCases.CASE_ID),
                status,
                owner(doc),
                opened.getString(Opening.CLIENT_REF),
                opened.getList(Opening.NEEDS, String.class, List.of()),
                opened.getString(Opening.REFERRED_BY),
                Views.instant(opened, Opening.OPENED_AT),
                closedAt,
                Views.nested(doc, SupportCases.CLOSING).getString(Closing.OUTCOME),
                Views.number(doc, SupportCases.CONTACTS),
                Views.number(doc, SupportCases.MINUTES),
                Views.instant(doc, SupportCases.LAST_CONTACT_AT),
                Views.number(doc, SupportCases.REFERRALS_PENDING),
                referrals,
                Views.counts(doc, SupportCases.MODES));
    }
}
