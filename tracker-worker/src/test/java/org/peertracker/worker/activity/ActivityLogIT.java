package org.peertracker.worker.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.Filters;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.peertracker.events.ActionRecorded;
import org.peertracker.events.CampaignLaunched;
import org.peertracker.events.CaseContactLogged;
import org.peertracker.events.CaseOpened;
import org.peertracker.events.CompensationPaid;
import org.peertracker.events.ContactRecorded;
import org.peertracker.events.Event;
import org.peertracker.events.Materials;
import org.peertracker.events.PeerJoined;
import org.peertracker.events.SessionStarted;
import org.peertracker.events.Topics;
import org.peertracker.worker.ProjectionITSupport;

class ActivityLogIT extends ProjectionITSupport {

    static final String FAMILY = "activity";
    static final String LOG = ActivityLogProjector.LOG;

    @Test
    void logsEveryEventOnceAsPublishedWithAClientRefAndNeverAClientCode() {
        var org = newOrg();
        var events = mixedDay(org);
        publish(events);
        publish(events.get(1), events.get(4));
        awaitCaughtUp(FAMILY);

        var log = documents(physical(LOG), org);
        assertThat(log).extracting(doc -> doc.getString("_id")).containsExactlyInAnyOrderElementsOf(
                events.stream().map(e -> org + "|" + e.eventId()).toList());
        for (var event : events) {
            var entry = document(LOG, org, event.eventId().toString());
            assertThat(entry.getString("orgId")).isEqualTo(org);
            assertThat(entry.getString("eventId")).isEqualTo(event.eventId().toString());
            assertThat(entry.getString("type")).isEqualTo(event.type());
            assertThat(entry.getString("peerId")).isEqualTo(event.peerId());
            assertThat(entry.getString("subject")).isEqualTo(event.key());
            assertThat(entry.get("occurredAt")).isEqualTo(date(event.occurredAt()));
            assertThat(entry.get("receivedAt")).isEqualTo(date(event.receivedAt()));
            assertThat(entry.toJson()).doesNotContain("clientCode");
        }

        var opened = document(LOG, org, events.get(1).eventId().toString()).get("payload", Document.class);
        assertThat(opened.getString("caseId")).isEqualTo("case-1");
        assertThat(opened.getString("clientRef")).isEqualTo(clientRef(org, "client-1")).matches("[0-9a-f]{64}");
        assertThat(opened.getList("needs", String.class)).containsExactly("housing", "safer-use");
        var contact = document(LOG, org, events.get(4).eventId().toString()).get("payload", Document.class);
        assertThat(contact.getString("clientRef")).isEqualTo(clientRef(org, "client-2"));
        assertThat(contact.getBoolean("anonymous")).isFalse();
        assertThat(value(contact, "materials.naloxoneKits")).isEqualTo(1);
        var paid = document(LOG, org, events.get(6).eventId().toString()).get("payload", Document.class);
        assertThat(((Number) paid.get("amount")).doubleValue()).isEqualTo(17.5);
        assertThat(paid.getString("currency")).isEqualTo("EUR");
        var launched = document(LOG, org, events.get(7).eventId().toString()).get("payload", Document.class);
        assertThat(launched.getString("startsOn")).isEqualTo("2026-09-01");
    }

    @Test
    void leavesTheLogUnchangedWhenEventsAreSentAgainOrTheTopicsAreReplayedFromOffsetZero() {
        var org = newOrg();
        var events = mixedDay(org);
        publish(events);
        awaitCaughtUp(FAMILY);
        var before = snapshot(FAMILY, org);
        assertThat(before.get(LOG)).hasSize(events.size());

        publish(events);
        awaitCaughtUp(FAMILY);
        assertThat(snapshot(FAMILY, org)).isEqualTo(before);

        replayFromOffsetZero(FAMILY);
        assertThat(snapshot(FAMILY, org)).isEqualTo(before);
    }

    @Test
    void deadLettersARecordOfAnUnknownTypeAndLogsTheGoodOneBehindIt() {
        var org = newOrg();
        var unknown = new Document("eventId", UUID.randomUUID().toString()).append("type", "case.teleported")
                .append("version", 1).append("orgId", org).append("peerId", "peer-A")
                .append("occurredAt", at(12).toString()).append("payload", new Document("caseId", "case-77"))
                .toJson().getBytes(StandardCharsets.UTF_8);
        var poison = publishRaw(Topics.SUPPORT, "case-77", unknown);
        var good = event(org, "peer-A", at(12), new CaseContactLogged("case-77", "online", 25, List.of()));
        publish(good);

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(document(LOG, org, good.eventId().toString())).isNotNull());
        assertDeadLetterOf(awaitDeadLetter(Topics.SUPPORT, "case-77", FAMILY), poison, unknown,
                "unknown type: case.teleported");
        assertThat(documents(physical(LOG), org)).hasSize(1);
    }

    @Test
    void rebuildsTheLogEqualToTheLiveOneAndKeepsLoggingIntoTheNewGeneration() {
        var org = newOrg();
        publish(mixedDay(org));

        int generation = rebuildEqualsLive(FAMILY, org);

        var later = event(org, "peer-B", at(18), new SessionStarted("evening-1", "noord", "home"));
        publish(later);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(database.getCollection(LOG + "__g" + generation)
                .find(Filters.eq("_id", org + "|" + later.eventId())).first()).isNotNull());
        assertThat(documents(physical(LOG), org)).hasSize(mixedDay(org).size() + 1);
    }

    /** A day with an event on every topic, two of them about clients known by a clientRef. */
    private static List<Event> mixedDay(String org) {
        return List.of(
                event(org, "peer-A", at(9), new PeerJoined("peer-A", List.of("peer-support"), "integrated")),
                event(org, "peer-A", at(10), new CaseOpened("case-1", null, clientRef(org, "client-1"),
                        List.of("housing", "safer-use"), "outreach")),
                event(org, "peer-A", at(11), new CaseContactLogged("case-1", "in-person", 40, List.of("housing"))),
                event(org, "peer-B", at(13), new SessionStarted("day-1", "west", "drop-in")),
                event(org, "peer-B", at(14), new ContactRecorded("day-1", "west", false, null, clientRef(org, "client-2"),
                        1, true, new Materials(5, 0, 1, 3, 0, 0, 1), List.of("overdose"))),
                event(org, "peer-B", at(15), new ActionRecorded("consumption-room", "act-1", "public-speaking", "Amsterdam",
                        1, 150, 0)),
                event(org, "peer-A", at(16), new CompensationPaid("peer-A", new BigDecimal("17.50"), "EUR", "cash",
                        "peer-support")),
                event(org, "peer-B", at(17), new CampaignLaunched("consumption-room", "A room in every city",
                        "Supervised consumption rooms", LocalDate.of(2026, 9, 1), null)));
    }

    private static Instant at(int hour) {
        return Instant.parse("2026-08-14T%02d:00:00Z".formatted(hour));
    }
}
