package org.peertracker.worker.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peertracker.worker.projection.PublishedEvents.clientRef;
import static org.peertracker.worker.projection.PublishedEvents.event;
import static org.peertracker.worker.projection.ViewDocuments.date;
import static org.peertracker.worker.projection.ViewDocuments.number;
import static org.peertracker.worker.projection.ViewDocuments.value;
import static org.peertracker.worker.support.CaseWork.april;
import static org.peertracker.worker.support.CaseWork.march;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.peertracker.events.CaseClosed;
import org.peertracker.events.CaseContactLogged;
import org.peertracker.events.CaseReassigned;
import org.peertracker.events.Event;
import org.peertracker.events.ReferralClosed;
import org.peertracker.events.ReferralMade;
import org.peertracker.views.ViewKey;
import org.peertracker.worker.projection.InMemoryViews;
import org.peertracker.worker.projection.ViewProperties;

/** What each support event does to cases and monthly caseloads, without Kafka or MongoDB. */
class SupportProjectorTest {

    static final String ORG = "org-support";
    static final String CASES = SupportProjector.CASES;
    static final String CASELOAD = SupportProjector.CASELOAD;

    final SupportProjector projector = new SupportProjector(new ViewProperties(ZoneId.of("Europe/Amsterdam")));
    final InMemoryViews caseWork = InMemoryViews.project(projector, CaseWork.events(ORG));

    @Test
    void keepsTheOpeningOfACaseWholeWithItsClientRefAndNeverAClientCode() {
        var first = document(caseWork, CASES, "case-1");

        assertThat(first.getString("orgId")).isEqualTo(ORG);
        assertThat(first.getString("caseId")).isEqualTo("case-1");
        assertThat(value(first, "opening.clientRef")).isEqualTo(clientRef(ORG, "case-1"));
        assertThat(first.toJson()).doesNotContain("clientCode");
        assertThat(value(first, "opening.needs")).isEqualTo(List.of("housing", "mental-health"));
        assertThat(value(first, "opening.referredBy")).isEqualTo("outreach");
        assertThat(value(first, "opening.openedAt")).isEqualTo(date(march(2, 9)));
        assertThat(value(first, "opening.peerId")).isEqualTo("peer-A");
        assertThat(first).doesNotContainKey("reassignment");
    }

    @Test
    void closesACaseWithItsOutcomeAndFollowsItsLastActivity() {
        var first = document(caseWork, CASES, "case-1");

        assertThat(first.get("closedAt")).isEqualTo(date(april(3, 15)));
        assertThat(value(first, "closing.outcome")).isEqualTo("goals-met");
        assertThat(first.get("lastActivityAt")).isEqualTo(date(april(3, 15)));
        var second = document(caseWork, CASES, "case-2");
        assertThat(second.get("closedAt")).isNull();
        assertThat(second.get("lastActivityAt")).isEqualTo(date(april(2, 10)));
    }

    @Test
    void countsTheContactsOfACaseWithTheirMinutesModesAndTheLastContact() {
        var first = document(caseWork, CASES, "case-1");

        assertThat(number(first, "contacts")).isEqualTo(2);
        assertThat(number(first, "minutes")).isEqualTo(45);
        assertThat(number(first, "modes.in-person")).isEqualTo(1);
        assertThat(number(first, "modes.phone")).isEqualTo(1);
        assertThat(first.get("lastContactAt")).isEqualTo(date(march(5, 16)));
        var second = document(caseWork, CASES, "case-2");
        assertThat(number(second, "contacts")).isEqualTo(2);
        assertThat(number(second, "minutes")).isEqualTo(65);
    }

    @Test
    void followsEachReferralFromMakingToClosingAndCountsThoseStillPending() {
        var first = document(caseWork, CASES, "case-1");

        assertThat(number(first, "referralsPending")).isEqualTo(1);
        assertThat(value(first, "referrals.ref-1.made.service")).isEqualTo("housing");
        assertThat(value(first, "referrals.ref-1.madeAt")).isEqualTo(date(march(5, 17)));
        assertThat(value(first, "referrals.ref-1.closing.outcome")).isEqualTo("attended");
        assertThat(value(first, "referrals.ref-1.closedAt")).isEqualTo(date(march(10, 12)));
        assertThat(value(first, "referrals.ref-2.made.service")).isEqualTo("detox");
        assertThat(value(first, "referrals.ref-2.madeAt")).isEqualTo(date(march(6, 9)));
        assertThat((Document) value(first, "referrals.ref-2")).doesNotContainKeys("closing", "closedAt");
        assertThat(number(document(caseWork, CASES, "case-2"), "referralsPending"))
                .isZero();
    }

    @Test
    void keepsTheDueDateOfAReferralWithItsFirstMakingAndNoneWhereItHadNone() {
        var dated = event(
                ORG, "peer-A", march(3, 9), new ReferralMade("case-8", "ref-8", "detox", LocalDate.of(2026, 3, 12)));
        var again = event(
                ORG, "peer-A", march(4, 9), new ReferralMade("case-8", "ref-8", "detox", LocalDate.of(2026, 5, 1)));
        var plain = event(ORG, "peer-A", march(3, 10), new ReferralMade("case-8", "ref-9", "housing"));

        for (var order : List.of(List.of(dated, again, plain), List.of(plain, again, dated))) {
            var doc = document(InMemoryViews.project(projector, order), CASES, "case-8");
            assertThat(value(doc, "referrals.ref-8.made.dueOn")).isEqualTo("2026-03-12");
            assertThat((Document) value(doc, "referrals.ref-9.made")).doesNotContainKey("dueOn");
        }
    }

    @Test
    void keepsTheLatestClosingOfACaseAndOfAReferralWhicheverArrivesLast() {
        var early = event(ORG, "peer-A", march(3, 9), new CaseClosed("case-9", "lost-contact"));
        var late = event(ORG, "peer-A", march(9, 9), new CaseClosed("case-9", "goals-met"));
        var referralEarly = event(ORG, "peer-A", march(3, 9), new ReferralClosed("case-9", "ref-9", "declined"));
        var referralLate = event(ORG, "peer-A", march(9, 9), new ReferralClosed("case-9", "ref-9", "attended"));

        for (var order : List.of(
                List.of(early, late, referralEarly, referralLate), List.of(late, early, referralLate, referralEarly))) {
            var closed = InMemoryViews.project(projector, order).document(CASES, ViewKey.of(ORG, "case-9"));
            assertThat(value(closed, "closing.outcome")).as("after %s", order).isEqualTo("goals-met");
            assertThat(closed.get("closedAt")).isEqualTo(date(march(9, 9)));
            assertThat(value(closed, "referrals.ref-9.closing.outcome")).isEqualTo("attended");
        }
    }

    @Test
    void handsACaseToTheReassignedPeerAndKeepsWhoOpenedIt() {
        var second = document(caseWork, CASES, "case-2");

        assertThat(value(second, "opening.peerId")).isEqualTo("peer-A");
        assertThat(value(second, "reassignment.peerId")).isEqualTo("peer-B");
        assertThat(value(second, "reassignment.at")).isEqualTo(date(march(12, 9)));
    }

    @Test
    void countsAContactAndAReferralsClosingThatArriveBeforeTheCaseIsOpenedAndTheReferralMade() {
        var third = document(caseWork, CASES, "case-3");

        assertThat(value(third, "opening.openedAt")).isEqualTo(date(march(18, 10)));
        assertThat(value(third, "opening.clientRef")).isEqualTo(clientRef(ORG, "case-3"));
        assertThat(value(third, "opening.peerId")).isEqualTo("peer-A");
        assertThat(number(third, "contacts")).isEqualTo(1);
        assertThat(number(third, "minutes")).isEqualTo(10);
        assertThat(third.get("lastContactAt")).isEqualTo(date(march(20, 10)));
        // closed before it was made: the pending count goes to -1 and back, and exists as 0
        assertThat(third.get("referralsPending")).isEqualTo(0L);
        assertThat(value(third, "referrals.ref-3.made.service")).isEqualTo("hiv-hcv-testing");
        assertThat(value(third, "referrals.ref-3.closing.outcome")).isEqualTo("not-attended");
        assertThat(value(third, "referrals.ref-3.madeAt")).isEqualTo(date(march(19, 10)));
        assertThat(value(third, "referrals.ref-3.closedAt")).isEqualTo(date(march(22, 10)));
    }

    @Test
    void sumsEachPeersCaseloadByMonth() {
        var aInMarch = document(caseWork, CASELOAD, "peer-A", "2026-03");
        assertThat(aInMarch.getString("orgId")).isEqualTo(ORG);
        assertThat(aInMarch.getString("peerId")).isEqualTo("peer-A");
        assertThat(aInMarch.getString("month")).isEqualTo("2026-03");
        assertThat(number(aInMarch, "casesOpened")).isEqualTo(3);
        assertThat(number(aInMarch, "casesClosed")).isZero();
        assertThat(number(aInMarch, "contacts")).isEqualTo(4);
        assertThat(number(aInMarch, "minutes")).isEqualTo(30 + 20 + 15 + 10);
        var aInApril = document(caseWork, CASELOAD, "peer-A", "2026-04");
        assertThat(number(aInApril, "casesClosed")).isEqualTo(1);
        assertThat(number(aInApril, "contacts")).isZero();
        var bInApril = document(caseWork, CASELOAD, "peer-B", "2026-04");
        assertThat(number(bInApril, "contacts")).isEqualTo(1);
        assertThat(number(bInApril, "minutes")).isEqualTo(45);
        assertThat(caseWork.documents(CASELOAD)).hasSize(3);
        assertThat(caseWork.documents(CASES)).hasSize(3);
    }

    @Test
    void takesTheMonthOfACaseloadInTheViewsZone() {
        // 31 March 23:30 UTC is 1 April in Amsterdam
        var lateNight = event(
                ORG,
                "peer-A",
                Instant.parse("2026-03-31T23:30:00Z"),
                new CaseContactLogged("case-1", "phone", 10, List.of()));

        var views = InMemoryViews.project(projector, List.of(lateNight));

        assertThat(views.documents(CASELOAD))
                .extracting(doc -> doc.getString("month"))
                .containsExactly("2026-04");
    }

    @Test
    void keepsTheFirstReceivedOpeningOfACaseWholeWhateverOrderTwoOpeningsArriveIn() {
        var race = CaseWork.openingRace(ORG);
        var first = race.get(1);
        var otherOrg = "org-other";
        // the same caseId opened in another organisation is another case
        var otherOpenings = CaseWork.openingRace(otherOrg).subList(0, 2);

        for (var order : orders(race)) {
            var views = InMemoryViews.project(projector, concat(order, otherOpenings));

            for (var org : List.of(ORG, otherOrg)) {
                var opening = (Document) value(views.document(CASES, ViewKey.of(org, "case-4")), "opening");
                assertThat(opening.getString("eventId"))
                        .as("opening in %s", order)
                        .isEqualTo((org.equals(ORG) ? first : otherOpenings.get(1))
                                .eventId()
                                .toString());
                assertThat(opening.getString("peerId")).isEqualTo("peer-A");
                assertThat(opening.getString("clientRef")).isEqualTo(clientRef(org, "case-4"));
                assertThat(opening.getList("needs", String.class)).containsExactly("housing");
                assertThat(opening.getString("referredBy")).isEqualTo("outreach");
                assertThat(opening.get("openedAt")).isEqualTo(date(march(2, 9)));
            }
            assertThat(value(views.document(CASES, ViewKey.of(ORG, "case-4")), "reassignment.peerId"))
                    .isEqualTo("peer-C");
            assertThat(views.document(CASES, ViewKey.of(otherOrg, "case-4"))).doesNotContainKey("reassignment");
        }
    }

    @Test
    void handsACaseToThePeerOfItsLatestReassignmentWhateverOrderReassignmentsArriveIn() {
        var toB = event(ORG, "coordinator-1", march(12, 9), new CaseReassigned("case-2", "peer-B"));
        var toC = event(ORG, "coordinator-1", march(14, 9), new CaseReassigned("case-2", "peer-C"));

        for (var order : List.of(List.of(toB, toC), List.of(toC, toB))) {
            var reassignment = value(
                    InMemoryViews.project(projector, order).document(CASES, ViewKey.of(ORG, "case-2")), "reassignment");

            assertThat(reassignment)
                    .isEqualTo(new Document("rank", "2026-03-14T09:00:00.000000000Z|" + toC.eventId())
                            .append("peerId", "peer-C")
                            .append("at", date(march(14, 9))));
        }
    }

    @Test
    void endsInTheSameViewsWhateverOrderTheEventsArriveInAndHoweverTheyAreBatched() {
        var events = concat(CaseWork.events(ORG), CaseWork.openingRace(ORG));
        var inOrder = InMemoryViews.project(projector, events).snapshot();

        InMemoryViews.assertEndsTheSameInAnyOrder(projector, events, inOrder, 5, false);
    }

    private static Document document(InMemoryViews views, String collection, String... parts) {
        return views.document(collection, ViewKey.of(ORG, parts));
    }

    private static List<Event> concat(List<Event> a, List<Event> b) {
        var all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** Every order of three events. */
    private static List<List<Event>> orders(List<Event> three) {
        var orders = new ArrayList<List<Event>>();
        for (var a : three) {
            for (var b : three) {
                for (var c : three) {
                    if (a != b && b != c && a != c) {
                        orders.add(List.of(a, b, c));
                    }
                }
            }
        }
        return orders;
    }
}
