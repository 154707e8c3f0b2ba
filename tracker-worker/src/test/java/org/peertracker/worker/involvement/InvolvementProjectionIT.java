package org.peertracker.worker.involvement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.Filters;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.peertracker.events.ActionRecorded;
import org.peertracker.events.CaseContactLogged;
import org.peertracker.events.CompensationPaid;
import org.peertracker.events.Event;
import org.peertracker.events.InvolvementRecorded;
import org.peertracker.events.Materials;
import org.peertracker.events.PeerJoined;
import org.peertracker.events.PeerLeft;
import org.peertracker.events.RoleAssigned;
import org.peertracker.events.RoleEnded;
import org.peertracker.events.Topics;
import org.peertracker.events.TrainingCompleted;
import org.peertracker.testing.SampleEvents;
import org.peertracker.worker.ProjectionITSupport;

class InvolvementProjectionIT extends ProjectionITSupport {

    static final String FAMILY = "involvement";
    static final String PEERS = InvolvementProjector.PEERS;
    static final String MONTHLY = InvolvementProjector.MONTHLY;

    @Test
    void followsEachPeersRolesHoursTrainingsAndPayInPeersAndMonthlyFigures() {
        var org = newOrg();
        publish(twoPeers(org));
        awaitCaughtUp(FAMILY);

        var p = document(PEERS, org, "peer-P");
        assertThat(p.getString("setting")).isEqualTo("autonomous");
        assertThat(p.get("joinedAt")).isEqualTo(date(day(3, 1)));
        assertThat(value(p, "roles.peer-support.assignedAt")).isEqualTo(date(day(3, 1)));
        assertThat(value(p, "roles.educating.assignedAt")).isEqualTo(date(day(3, 1)));
        assertThat(value(p, "roles.educating.endedAt")).isEqualTo(date(day(3, 20)));
        assertThat(value(p, "roles.public-speaking.assignedAt")).isEqualTo(date(day(3, 3)));
        assertThat(value(p, "roles.public-speaking.endedAt")).isNull();
        assertThat(number(p, "involvements")).isEqualTo(4);
        assertThat(decimal(p, "hours")).isEqualTo(2.5 + 1.25 + 0.75 + 3.0);
        assertThat(decimal(p, "hoursByRole.policy-making")).isEqualTo(2.5);
        assertThat(decimal(p, "hoursByRole.researching")).isEqualTo(1.25);
        assertThat(decimal(p, "hoursByRole.educating")).isEqualTo(0.75);
        assertThat(decimal(p, "hoursByRole.advocating")).isEqualTo(3.0);
        assertThat(decimal(p, "hoursByLevel.co-deciding")).isEqualTo(2.5);
        assertThat(decimal(p, "hoursByLevel.consulted")).isEqualTo(1.25);
        assertThat(decimal(p, "hoursByLevel.informed")).isEqualTo(0.75);
        assertThat(decimal(p, "hoursByLevel.leading")).isEqualTo(3.0);
        assertThat(number(p, "trainings")).isEqualTo(1);
        assertThat(decimal(p, "trainingHours")).isEqualTo(4.0);
        assertThat(number(p, "trainingsByTopic.naloxone")).isEqualTo(1);
        assertThat(value(p, "compensationCents.EUR")).isEqualTo(2550L + 1225L);
        assertThat(number(p, "compensationCentsByRole.peer-support")).isEqualTo(2550);
        assertThat(number(p, "compensationCentsByRole.policy-making")).isEqualTo(1225);
        assertThat(number(p, "payments.cash")).isEqualTo(1);
        assertThat(number(p, "payments.transfer")).isEqualTo(1);
        assertThat(p.get("lastActiveAt")).isEqualTo(date(day(4, 3)));
        assertThat(p).doesNotContainKey("leftAt");

        // joined, paid and seen out by a coordinator; active once, in April, on the campaign topic
        var q = document(PEERS, org, "peer-Q");
        assertThat(q.getString("setting")).isEqualTo("integrated");
        assertThat(value(q, "roles.campaigning.assignedAt")).isEqualTo(date(day(3, 1)));
        assertThat(number(q, "compensationCents.EUR")).isEqualTo(4000);
        assertThat(number(q, "payments.voucher")).isEqualTo(1);
        assertThat(q.get("leftAt")).isEqualTo(date(day(4, 10)));
        assertThat(q.get("lastActiveAt")).isEqualTo(date(day(4, 4)));
        var coordinator = document(PEERS, org, "peer-C");
        assertThat(coordinator.get("lastActiveAt")).isEqualTo(date(day(4, 10)));
        assertThat(coordinator).doesNotContainKeys("setting", "hours");

        var pInMarch = document(MONTHLY, org, "2026-03", "peer-P");
        assertThat(pInMarch.getString("month")).isEqualTo("2026-03");
        assertThat(pInMarch.getString("peerId")).isEqualTo("peer-P");
        // nine events of its own in March, two of them on the outreach and support topics
        assertThat(number(pInMarch, "activities")).isEqualTo(9);
        assertThat(number(pInMarch, "involvements")).isEqualTo(3);
        assertThat(decimal(pInMarch, "hours")).isEqualTo(2.5 + 1.25 + 0.75);
        assertThat(decimal(pInMarch, "hoursByLevel.co-deciding")).isEqualTo(2.5);
        assertThat(decimal(pInMarch, "hoursByLevel.leading")).isZero();
        assertThat(number(pInMarch, "trainings")).isEqualTo(1);
        assertThat(number(pInMarch, "compensationCents.EUR")).isEqualTo(2550);
        assertThat(pInMarch.getList("bodies", String.class)).containsExactlyInAnyOrder("city-council-drug-policy",
                "university-peer-study", "school-workshop");
        var pInApril = document(MONTHLY, org, "2026-04", "peer-P");
        assertThat(number(pInApril, "activities")).isEqualTo(2);
        assertThat(decimal(pInApril, "hours")).isEqualTo(3.0);
        assertThat(decimal(pInApril, "hoursByLevel.leading")).isEqualTo(3.0);
        assertThat(number(pInApril, "compensationCents.EUR")).isEqualTo(1225);
        assertThat(number(document(MONTHLY, org, "2026-03", "peer-C"), "activities")).isEqualTo(3);
        assertThat(number(document(MONTHLY, org, "2026-04", "peer-C"), "activities")).isEqualTo(1);
        var qInMarch = document(MONTHLY, org, "2026-03", "peer-Q");
        assertThat(number(qInMarch, "activities")).isZero();
        assertThat(number(qInMarch, "compensationCents.EUR")).isEqualTo(4000);
        assertThat(number(document(MONTHLY, org, "2026-04", "peer-Q"), "activities")).isEqualTo(1);
        assertThat(sum(documents(physical(MONTHLY), org), "activities")).isEqualTo(twoPeers(org).size());
    }

    @Test
    void leavesPeersAndMonthlyFiguresUnchangedWhenEventsAreSentAgainOrTheTopicsAreReplayed() {
        var org = newOrg();
        var events = twoPeers(org);
        publish(events);
        awaitCaughtUp(FAMILY);
        var before = snapshot(FAMILY, org);

        // a payment, an involvement and an outreach contact sent again
        publish(events.get(10), events.get(3), events.get(6), events.get(10));
        awaitCaughtUp(FAMILY);
        assertThat(snapshot(FAMILY, org)).isEqualTo(before);

        replayFromOffsetZero(FAMILY);
        assertThat(snapshot(FAMILY, org)).isEqualTo(before);
    }

    @Test
    void deadLettersAPoisonRecordAndAppliesTheGoodOneBehindIt() {
        var org = newOrg();
        var garbage = "not json".getBytes(StandardCharsets.UTF_8);
        var poison = publishRaw(Topics.PEER, "peer-Z", garbage);
        publish(event(org, "peer-Z", day(5, 1), new PeerJoined("peer-Z", List.of("researching"), "autonomous")));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(document(PEERS, org, "peer-Z")).isNotNull()
                .containsEntry("setting", "autonomous"));
        assertDeadLetterOf(awaitDeadLetter(Topics.PEER, "peer-Z", FAMILY), poison, garbage, "not valid JSON");
    }

    @Test
    void rebuildsPeersAndMonthlyFiguresEqualToTheLiveOnesAndKeepsProjectingIntoTheNewGeneration() {
        var org = newOrg();
        publish(twoPeers(org));

        int generation = rebuildEqualsLive(FAMILY, org);

        publish(event(org, "peer-P", day(4, 20), new InvolvementRecorded("peer-P", "programming", "needle-exchange-board",
                "advising", 1.5)));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(decimal(database.getCollection(PEERS + "__g" + generation)
                .find(Filters.eq("_id", org + "|peer-P")).first(), "hoursByLevel.advising")).isEqualTo(1.5));
        assertThat(number(document(MONTHLY, org, "2026-04", "peer-P"), "activities")).isEqualTo(3);
    }

    /**
     * Peer P joins (autonomous), takes on and gives up roles, is involved at several levels, is trained and paid,
     * and logs outreach and support work; coordinator C brings peer Q in (integrated), pays Q, records an
     * involvement of P's, and sees Q out after Q's one campaign action.
     */
    static List<Event> twoPeers(String org) {
        return List.of(
                event(org, "peer-P", day(3, 1), new PeerJoined("peer-P", List.of("peer-support", "educating"), "autonomous")),
                event(org, "peer-C", day(3, 1), new PeerJoined("peer-Q", List.of("campaigning"), "integrated")),
                event(org, "peer-P", day(3, 3), new RoleAssigned("peer-P", "public-speaking")),
                event(org, "peer-P", day(3, 5), new InvolvementRecorded("peer-P", "policy-making",
                        "city-council-drug-policy", "co-deciding", 2.5)),
                event(org, "peer-P", day(3, 8), new TrainingCompleted("peer-P", "naloxone", 4.0)),
                event(org, "peer-P", day(3, 12), new InvolvementRecorded("peer-P", "researching", "university-peer-study",
                        "consulted", 1.25)),
                event(org, "peer-P", day(3, 14), SampleEvents.anonymousContact("walk-1", "centrum", 1, true,
                        Materials.NONE)),
                event(org, "peer-P", day(3, 15), new CaseContactLogged("case-P1", "phone", 20, List.of())),
                event(org, "peer-P", day(3, 20), new RoleEnded("peer-P", "educating")),
                event(org, "peer-C", day(3, 25), new CompensationPaid("peer-Q", new BigDecimal("40.00"), "EUR", "voucher",
                        "campaigning")),
                event(org, "peer-P", day(3, 31), new CompensationPaid("peer-P", new BigDecimal("25.50"), "EUR", "cash",
                        "peer-support")),
                event(org, "peer-C", day(3, 26), new InvolvementRecorded("peer-P", "educating", "school-workshop",
                        "informed", 0.75)),
                event(org, "peer-P", day(4, 2), new InvolvementRecorded("peer-P", "advocating", "national-users-union",
                        "leading", 3.0)),
                event(org, "peer-P", day(4, 3), new CompensationPaid("peer-P", new BigDecimal("12.25"), "EUR", "transfer",
                        "policy-making")),
                event(org, "peer-Q", day(4, 4), new ActionRecorded("stop-arrests", "act-1", "demonstration", "Den Haag", 30,
                        200, 1)),
                event(org, "peer-C", day(4, 10), new PeerLeft("peer-Q")));
    }

    private static Instant day(int month, int day) {
        return Instant.parse("2026-%02d-%02dT11:00:00Z".formatted(month, day));
    }
}
