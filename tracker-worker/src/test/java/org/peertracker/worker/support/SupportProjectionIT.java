package org.peertracker.worker.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.Filters;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.peertracker.events.CaseClosed;
import org.peertracker.events.CaseContactLogged;
import org.peertracker.events.CaseOpened;
import org.peertracker.events.CaseReassigned;
import org.peertracker.events.Event;
import org.peertracker.events.ReferralClosed;
import org.peertracker.events.ReferralMade;
import org.peertracker.events.Topics;
import org.peertracker.worker.ProjectionITSupport;

class SupportProjectionIT extends ProjectionITSupport {

    static final String FAMILY = "support";
    static final String CASES = SupportProjector.CASES;
    static final String CASELOAD = SupportProjector.CASELOAD;

    @Test
    void followsCasesContactsReferralsAndReassignmentsIntoCasesAndMonthlyCaseloads() {
        var org = newOrg();
        publish(caseWork(org));
        awaitCaughtUp(FAMILY);

        var first = document(CASES, org, "case-1");
        assertThat(value(first, "opening.clientRef")).isEqualTo(clientRef(org, "case-1"));
        assertThat(first.toJson()).doesNotContain("clientCode");
        assertThat(value(first, "opening.needs")).isEqualTo(List.of("housing", "mental-health"));
        assertThat(value(first, "opening.referredBy")).isEqualTo("outreach");
        assertThat(value(first, "opening.openedAt")).isEqualTo(date(march(2, 9)));
        assertThat(value(first, "opening.peerId")).isEqualTo("peer-A");
        assertThat(first.get("closedAt")).isEqualTo(date(april(3, 15)));
        assertThat(first.getString("outcome")).isEqualTo("goals-met");
        assertThat(first).doesNotContainKey("reassignment");
        assertThat(number(first, "contacts")).isEqualTo(2);
        assertThat(number(first, "minutes")).isEqualTo(45);
        assertThat(number(first, "modes.in-person")).isEqualTo(1);
        assertThat(number(first, "modes.phone")).isEqualTo(1);
        assertThat(first.get("lastContactAt")).isEqualTo(date(march(5, 16)));
        assertThat(number(first, "referralsPending")).isEqualTo(1);
        assertThat(value(first, "referrals.ref-1.service")).isEqualTo("housing");
        assertThat(value(first, "referrals.ref-1.outcome")).isEqualTo("attended");
        assertThat(value(first, "referrals.ref-1.madeAt")).isEqualTo(date(march(5, 17)));
        assertThat(value(first, "referrals.ref-1.closedAt")).isEqualTo(date(march(10, 12)));
        assertThat(value(first, "referrals.ref-2.service")).isEqualTo("detox");
        assertThat(value(first, "referrals.ref-2.outcome")).isNull();
        assertThat(first.get("lastActivityAt")).isEqualTo(date(april(3, 15)));

        var second = document(CASES, org, "case-2");
        assertThat(value(second, "opening.peerId")).isEqualTo("peer-A");
        assertThat(value(second, "reassignment.peerId")).isEqualTo("peer-B");
        assertThat(second.get("closedAt")).isNull();
        assertThat(number(second, "contacts")).isEqualTo(2);
        assertThat(number(second, "minutes")).isEqualTo(65);
        assertThat(number(second, "referralsPending")).isZero();

        // its contact and its referral's closing reached the topic before the case was opened and the referral made
        var third = document(CASES, org, "case-3");
        assertThat(value(third, "opening.openedAt")).isEqualTo(date(march(18, 10)));
        assertThat(value(third, "opening.clientRef")).isEqualTo(clientRef(org, "case-3"));
        assertThat(value(third, "opening.peerId")).isEqualTo("peer-A");
        assertThat(number(third, "contacts")).isEqualTo(1);
        assertThat(number(third, "minutes")).isEqualTo(10);
        assertThat(number(third, "referralsPending")).isZero();
        assertThat(value(third, "referrals.ref-3.service")).isEqualTo("hiv-hcv-testing");
        assertThat(value(third, "referrals.ref-3.outcome")).isEqualTo("not-attended");
        assertThat(value(third, "referrals.ref-3.madeAt")).isEqualTo(date(march(19, 10)));
        assertThat(value(third, "referrals.ref-3.closedAt")).isEqualTo(date(march(22, 10)));
        assertThat(third.get("lastContactAt")).isEqualTo(date(march(20, 10)));

        var aInMarch = document(CASELOAD, org, "peer-A", "2026-03");
        assertThat(aInMarch.getString("peerId")).isEqualTo("peer-A");
        assertThat(aInMarch.getString("month")).isEqualTo("2026-03");
        assertThat(number(aInMarch, "casesOpened")).isEqualTo(3);
        assertThat(number(aInMarch, "casesClosed")).isZero();
        assertThat(number(aInMarch, "contacts")).isEqualTo(4);
        assertThat(number(aInMarch, "minutes")).isEqualTo(30 + 20 + 15 + 10);
        var aInApril = document(CASELOAD, org, "peer-A", "2026-04");
        assertThat(number(aInApril, "casesClosed")).isEqualTo(1);
        assertThat(number(aInApril, "contacts")).isZero();
        var bInApril = document(CASELOAD, org, "peer-B", "2026-04");
        assertThat(number(bInApril, "contacts")).isEqualTo(1);
        assertThat(number(bInApril, "minutes")).isEqualTo(45);
        assertThat(documents(physical(CASELOAD), org)).hasSize(3);
        assertThat(documents(physical(CASES), org)).hasSize(3);
    }

    @Test
    void leavesTheViewsUnchangedWhenAnEventIsSentAgainOrTheTopicIsReplayedFromOffsetZero() {
        var org = newOrg();
        var events = caseWork(org);
        publish(events);
        awaitCaughtUp(FAMILY);
        var before = snapshot(FAMILY, org);

        // a field app re-sends a contact, a referral's closing and a reassignment after an offline spell
        publish(events.get(2), events.get(7), events.get(8), events.get(2));
        awaitCaughtUp(FAMILY);
        assertThat(snapshot(FAMILY, org)).isEqualTo(before);

        replayFromOffsetZero(FAMILY);
        assertThat(snapshot(FAMILY, org)).isEqualTo(before);
    }

    @Test
    void deadLettersAPoisonRecordAndAppliesTheGoodOneBehindIt() {
        var org = newOrg();
        var poisonBytes = "not json".getBytes(StandardCharsets.UTF_8);
        var poison = publishRaw(Topics.SUPPORT, "case-9", poisonBytes);
        publish(event(org, "peer-A", march(9, 9), new CaseOpened("case-9", null, clientRef(org, "case-9"),
                List.of("legal-aid"), "self")));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(document(CASES, org, "case-9")).isNotNull());
        var letter = awaitDeadLetter(Topics.SUPPORT, "case-9", FAMILY);
        assertDeadLetterOf(letter, poison, poisonBytes, "not valid JSON");
        assertThat(value(document(CASES, org, "case-9"), "opening.openedAt")).isEqualTo(date(march(9, 9)));
    }

    @Test
    void keepsTheFirstReceivedOpeningOfACaseWholeWhateverOrderTwoOpeningsArriveIn() {
        var org = newOrg();
        var first = event(org, "peer-A", march(2, 9), opened(org, "case-1", List.of("housing"), "outreach"))
                .withReceivedAt(march(2, 10));
        // another peer opens the same caseId, dated earlier (a device's clock can say anything) but received later
        var second = event(org, "peer-B", march(1, 9), new CaseOpened("case-1", null, clientRef(org, "someone-else"),
                List.of("detox"), "self")).withReceivedAt(march(2, 11));
        var reassigned = event(org, "coordinator-1", march(3, 9), new CaseReassigned("case-1", "peer-C"));
        var otherOrg = newOrg();

        publish(second, first);
        publish(event(otherOrg, "peer-A", march(2, 9), opened(otherOrg, "case-1", List.of("housing"), "outreach"))
                .withReceivedAt(march(2, 10)), event(otherOrg, "peer-B", march(1, 9), new CaseOpened("case-1", null,
                clientRef(otherOrg, "someone-else"), List.of("detox"), "self")).withReceivedAt(march(2, 11)));
        publish(first, second, reassigned);
        awaitCaughtUp(FAMILY);

        for (var o : List.of(org, otherOrg)) {
            var opening = (org.bson.Document) value(document(CASES, o, "case-1"), "opening");
            assertThat(opening.getString("peerId")).isEqualTo("peer-A");
            assertThat(opening.getString("clientRef")).isEqualTo(clientRef(o, "case-1"));
            assertThat(opening.getList("needs", String.class)).containsExactly("housing");
            assertThat(opening.getString("eventId")).isNotEqualTo(second.eventId().toString());
        }
        assertThat(value(document(CASES, org, "case-1"), "reassignment.peerId")).isEqualTo("peer-C");
        assertThat(document(CASES, otherOrg, "case-1")).doesNotContainKey("reassignment");
    }

    @Test
    void rebuildsViewsEqualToTheLiveOnesAndKeepsProjectingIntoTheNewGeneration() {
        var org = newOrg();
        publish(caseWork(org));

        int generation = rebuildEqualsLive(FAMILY, org);

        publish(event(org, "peer-B", april(6, 10), new CaseContactLogged("case-2", "phone", 5, List.of())));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(number(
                database.getCollection(CASES + "__g" + generation).find(
                        Filters.eq("_id", org + "|case-2")).first(), "contacts")).isEqualTo(3));
        assertThat(number(document(CASELOAD, org, "peer-B", "2026-04"), "minutes")).isEqualTo(50);
    }

    /**
     * Peer A opens two cases, logs contacts, makes two referrals and closes one of them, hands case 2 to peer B, who
     * logs a contact in April, and closes case 1. Case 3's contact and referral closing arrive before its opening.
     */
    static List<Event> caseWork(String org) {
        var events = new ArrayList<Event>();
        events.add(event(org, "peer-A", march(2, 9), opened(org, "case-1", List.of("housing", "mental-health"), "outreach")));
        events.add(event(org, "peer-A", march(2, 10), opened(org, "case-2", List.of("detox"), "self")));
        events.add(event(org, "peer-A", march(3, 14), new CaseContactLogged("case-1", "in-person", 30, List.of("housing"))));
        events.add(event(org, "peer-A", march(4, 11), new CaseContactLogged("case-2", "online", 20, List.of())));
        events.add(event(org, "peer-A", march(5, 16), new CaseContactLogged("case-1", "phone", 15, List.of("treatment"))));
        events.add(event(org, "peer-A", march(5, 17), new ReferralMade("case-1", "ref-1", "housing")));
        events.add(event(org, "peer-A", march(6, 9), new ReferralMade("case-1", "ref-2", "detox")));
        events.add(event(org, "peer-A", march(10, 12), new ReferralClosed("case-1", "ref-1", "attended")));
        events.add(event(org, "peer-A", march(12, 9), new CaseReassigned("case-2", "peer-B")));
        events.add(event(org, "peer-A", march(20, 10), new CaseContactLogged("case-3", "accompaniment", 10, List.of())));
        events.add(event(org, "peer-A", march(22, 10), new ReferralClosed("case-3", "ref-3", "not-attended")));
        events.add(event(org, "peer-A", march(18, 10), opened(org, "case-3", List.of(), "peer")));
        events.add(event(org, "peer-A", march(19, 10), new ReferralMade("case-3", "ref-3", "hiv-hcv-testing")));
        events.add(event(org, "peer-B", april(2, 10), new CaseContactLogged("case-2", "accompaniment", 45, List.of())));
        events.add(event(org, "peer-A", april(3, 15), new CaseClosed("case-1", "goals-met")));
        return events;
    }

    private static CaseOpened opened(String org, String caseId, List<String> needs, String referredBy) {
        return new CaseOpened(caseId, null, clientRef(org, caseId), needs, referredBy);
    }

    static Instant march(int day, int hour) {
        return Instant.parse("2026-03-%02dT%02d:00:00Z".formatted(day, hour));
    }

    static Instant april(int day, int hour) {
        return Instant.parse("2026-04-%02dT%02d:00:00Z".formatted(day, hour));
    }
}
