package org.peertracker.worker.involvement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peertracker.worker.involvement.TwoPeers.day;
import static org.peertracker.worker.projection.PublishedEvents.event;
import static org.peertracker.worker.projection.ViewDocuments.date;
import static org.peertracker.worker.projection.ViewDocuments.decimal;
import static org.peertracker.worker.projection.ViewDocuments.number;
import static org.peertracker.worker.projection.ViewDocuments.sum;
import static org.peertracker.worker.projection.ViewDocuments.value;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.peertracker.events.CompensationPaid;
import org.peertracker.events.Event;
import org.peertracker.events.InvolvementRecorded;
import org.peertracker.views.ViewKey;
import org.peertracker.worker.projection.InMemoryViews;
import org.peertracker.worker.projection.ViewProperties;

/** What each event, of any topic, does to peers' records and monthly involvement, without Kafka or MongoDB. */
class InvolvementProjectorTest {

    static final String ORG = "org-involvement";
    static final String PEERS = InvolvementProjector.PEERS;
    static final String MONTHLY = InvolvementProjector.MONTHLY;

    final InvolvementProjector projector = new InvolvementProjector(new ViewProperties(ZoneId.of("Europe/Amsterdam")));
    final List<Event> events = TwoPeers.events(ORG);
    final InMemoryViews spring = InMemoryViews.project(projector, events);

    @Test
    void followsAPeersSettingAndRolesFromJoiningOnwards() {
        var p = peer("peer-P");

        assertThat(p.getString("orgId")).isEqualTo(ORG);
        assertThat(p.getString("peerId")).isEqualTo("peer-P");
        assertThat(value(p, "joining.setting")).isEqualTo("autonomous");
        assertThat(p.get("joinedAt")).isEqualTo(date(day(3, 1)));
        assertThat(value(p, "roles.peer-support.assignedAt")).isEqualTo(date(day(3, 1)));
        assertThat(value(p, "roles.educating.assignedAt")).isEqualTo(date(day(3, 1)));
        assertThat(value(p, "roles.educating.endedAt")).isEqualTo(date(day(3, 20)));
        assertThat(value(p, "roles.public-speaking.assignedAt")).isEqualTo(date(day(3, 3)));
        assertThat(value(p, "roles.public-speaking.endedAt")).isNull();
        assertThat(p).doesNotContainKey("leftAt");
    }

    @Test
    void sumsHoursOfInvolvementByRoleAndLevelForThePeerAndEachMonth() {
        var p = peer("peer-P");
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

        var pInMarch = month("2026-03", "peer-P");
        assertThat(pInMarch.getString("month")).isEqualTo("2026-03");
        assertThat(pInMarch.getString("peerId")).isEqualTo("peer-P");
        assertThat(number(pInMarch, "involvements")).isEqualTo(3);
        assertThat(decimal(pInMarch, "hours")).isEqualTo(2.5 + 1.25 + 0.75);
        assertThat(decimal(pInMarch, "hoursByLevel.co-deciding")).isEqualTo(2.5);
        assertThat(decimal(pInMarch, "hoursByLevel.leading")).isZero();
        assertThat(pInMarch.getList("bodies", String.class))
                .containsExactly("city-council-drug-policy", "university-peer-study", "school-workshop");
        var pInApril = month("2026-04", "peer-P");
        assertThat(decimal(pInApril, "hours")).isEqualTo(3.0);
        assertThat(decimal(pInApril, "hoursByLevel.leading")).isEqualTo(3.0);
    }

    @Test
    void countsTrainingsWithTheirHoursByTopic() {
        var p = peer("peer-P");

        assertThat(number(p, "trainings")).isEqualTo(1);
        assertThat(decimal(p, "trainingHours")).isEqualTo(4.0);
        assertThat(number(p, "trainingsByTopic.naloxone")).isEqualTo(1);
        assertThat(number(month("2026-03", "peer-P"), "trainings")).isEqualTo(1);
    }

    @Test
    void paysInCentsByCurrencyRoleAndMethod() {
        var p = peer("peer-P");
        assertThat(value(p, "compensationCents.EUR")).isEqualTo(2550L + 1225L);
        assertThat(value(p, "compensationCentsByRole.peer-support")).isEqualTo(2550L);
        assertThat(value(p, "compensationCentsByRole.policy-making")).isEqualTo(1225L);
        assertThat(value(p, "payments.cash")).isEqualTo(1L);
        assertThat(value(p, "payments.transfer")).isEqualTo(1L);
        assertThat(value(month("2026-03", "peer-P"), "compensationCents.EUR")).isEqualTo(2550L);
        assertThat(value(month("2026-04", "peer-P"), "compensationCents.EUR")).isEqualTo(1225L);
    }

    @Test
    void addsPaymentsUpExactlyInWholeCents() {
        var views = InMemoryViews.project(
                projector,
                List.of(
                        event(
                                ORG,
                                "peer-P",
                                day(3, 1),
                                new CompensationPaid("peer-P", new BigDecimal("0.10"), "EUR", "cash", "a")),
                        event(
                                ORG,
                                "peer-P",
                                day(3, 2),
                                new CompensationPaid("peer-P", new BigDecimal("0.20"), "EUR", "cash", "a"))));

        assertThat(value(views.document(PEERS, ViewKey.of(ORG, "peer-P")), "compensationCents.EUR"))
                .isEqualTo(30L);
    }

    @Test
    void creditsWhatACoordinatorRecordsAboutAPeerToThatPeerAndTheActivityToTheCoordinator() {
        // joined, paid and seen out by a coordinator; active once, in April, on the campaign topic
        var q = peer("peer-Q");
        assertThat(value(q, "joining.setting")).isEqualTo("integrated");
        assertThat(value(q, "roles.campaigning.assignedAt")).isEqualTo(date(day(3, 1)));
        assertThat(value(q, "compensationCents.EUR")).isEqualTo(4000L);
        assertThat(value(q, "compensationCentsByRole.campaigning")).isEqualTo(4000L);
        assertThat(value(q, "payments.voucher")).isEqualTo(1L);
        assertThat(q.get("leftAt")).isEqualTo(date(day(4, 10)));
        assertThat(q.get("lastActiveAt")).isEqualTo(date(day(4, 4)));
        var qInMarch = month("2026-03", "peer-Q");
        assertThat(number(qInMarch, "activities")).isZero();
        assertThat(value(qInMarch, "compensationCents.EUR")).isEqualTo(4000L);

        var coordinator = peer("peer-C");
        assertThat(coordinator.get("lastActiveAt")).isEqualTo(date(day(4, 10)));
        assertThat(coordinator).doesNotContainKeys("joining", "hours", "involvements", "compensationCents");
        assertThat(number(month("2026-03", "peer-C"), "activities")).isEqualTo(3);
        assertThat(number(month("2026-04", "peer-C"), "activities")).isEqualTo(1);
    }

    @Test
    void countsEveryEventOfAPeerOnAnyTopicAsAnActivityOfItsMonth() {
        // nine events of its own in March, two of them on the outreach and support topics
        assertThat(number(month("2026-03", "peer-P"), "activities")).isEqualTo(9);
        assertThat(number(month("2026-04", "peer-P"), "activities")).isEqualTo(2);
        assertThat(number(month("2026-04", "peer-Q"), "activities")).isEqualTo(1);
        assertThat(peer("peer-P").get("lastActiveAt")).isEqualTo(date(day(4, 3)));
        assertThat(sum(spring.documents(MONTHLY), "activities")).isEqualTo(events.size());
        assertThat(spring.documents(PEERS))
                .extracting(doc -> doc.getString("peerId"))
                .containsExactly("peer-C", "peer-P", "peer-Q");
    }

    @Test
    void takesTheMonthInTheViewsZone() {
        // 31 March 22:30 UTC is 1 April in Amsterdam, on summer time by then
        var views = InMemoryViews.project(
                projector,
                List.of(event(
                        ORG,
                        "peer-P",
                        Instant.parse("2026-03-31T22:30:00Z"),
                        new InvolvementRecorded("peer-P", "advocating", "city-council", "consulted", 1.0))));

        assertThat(views.documents(MONTHLY))
                .extracting(doc -> doc.getString("month"))
                .containsExactly("2026-04");
    }

    @Test
    void endsInTheSameViewsWhateverOrderTheEventsArriveInAndHoweverTheyAreBatched() {
        // a month's bodies are listed in order of arrival
        InMemoryViews.assertEndsTheSameInAnyOrder(projector, events, spring.snapshot(), 5, true);
    }

    private Document peer(String peerId) {
        return spring.document(PEERS, ViewKey.of(ORG, peerId));
    }

    private Document month(String month, String peerId) {
        return spring.document(MONTHLY, ViewKey.of(ORG, month, peerId));
    }
}
