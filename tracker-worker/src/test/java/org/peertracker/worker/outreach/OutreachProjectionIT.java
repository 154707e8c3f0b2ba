package org.peertracker.worker.outreach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.Filters;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.peertracker.events.ContactRecorded;
import org.peertracker.events.Event;
import org.peertracker.events.Materials;
import org.peertracker.events.SessionEnded;
import org.peertracker.events.SessionStarted;
import org.peertracker.events.SignalReported;
import org.peertracker.events.Topics;
import org.peertracker.testing.SampleEvents;
import org.peertracker.worker.ProjectionITSupport;

class OutreachProjectionIT extends ProjectionITSupport {

    static final String FAMILY = "outreach";
    static final Instant EVENING = Instant.parse("2026-11-20T20:30:00Z");

    @Test
    void countsContactsPeopleAndMaterialsPerDayAndArea() {
        var org = newOrg();
        publish(contact(org, "s1", "oost", 1, true, new Materials(10, 4, 1, 2, 0, 0, 1)),
                contact(org, "s1", "oost", 3, false, SampleEvents.syringes(5)),
                contact(org, "s2", "west", 2, true, Materials.NONE));

        await().atMost(PATIENCE).untilAsserted(() -> {
            var oost = daily(org, "oost");
            assertThat(oost).isNotNull();
            assertThat(number(oost, "contacts")).isEqualTo(2);
            assertThat(number(oost, "newContacts")).isEqualTo(1);
            assertThat(number(oost, "peopleReached")).isEqualTo(4);
            assertThat(number(oost, "materials.syringes")).isEqualTo(15);
            assertThat(number(oost, "materials.needlesReturned")).isEqualTo(4);
            assertThat(number(daily(org, "west"), "peopleReached")).isEqualTo(2);
        });
        assertThat(daily(org, "oost").getString("day")).isEqualTo("2026-11-20");
    }

    @Test
    void countsAnEventSentTwiceOnce() {
        var org = newOrg();
        var contact = contact(org, "s1", "centrum", 2, true, SampleEvents.syringes(7));
        var later = contact(org, "s1", "centrum", 1, false, SampleEvents.syringes(1));
        publish(contact, contact, later, contact);

        await().atMost(PATIENCE).untilAsserted(() -> {
            var centrum = daily(org, "centrum");
            assertThat(centrum).isNotNull();
            assertThat(number(centrum, "contacts")).isEqualTo(2);
        });
        awaitCaughtUp(FAMILY);
        assertThat(number(daily(org, "centrum"), "materials.syringes")).isEqualTo(8);
    }

    @Test
    void leavesTheViewUnchangedWhenRecordsAreDeliveredAgainOrReplayedFromOffsetZero() {
        var org = newOrg();
        for (int i = 0; i < 40; i++) {
            publish(contact(org, "s" + (i % 7), i % 2 == 0 ? "noord" : "zuid", 1 + i % 3, i % 4 == 0,
                    SampleEvents.syringes(i)));
        }
        var shift = nightShift(org);
        publish(shift);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(sum(dailies(org), "contacts")).isEqualTo(40 + 4));
        awaitCaughtUp(FAMILY);
        var before = snapshot(FAMILY, org);

        // a signal and a known contact sent again by a field app
        publish(shift.get(3), shift.get(2), shift.get(3));
        awaitCaughtUp(FAMILY);
        assertThat(snapshot(FAMILY, org)).isEqualTo(before);

        // redelivery: the tail of every partition is read again, in batches cut differently from the first run
        projections.stop();
        setPositionsBack(Filters.eq("projection", generations.current(FAMILY).key()), () -> 3);
        projections.start();
        awaitCaughtUp(FAMILY);
        assertThat(snapshot(FAMILY, org)).isEqualTo(before);

        // replay: no stored position, so every partition is read from offset 0
        replayFromOffsetZero(FAMILY);
        assertThat(snapshot(FAMILY, org)).isEqualTo(before);
        assertThat(sum(dailies(org), "contacts")).isEqualTo(40 + 4);
    }

    @Test
    void followsSessionsAndTheirSignalsIntoSessionsTheSignalFeedAndDailyFigures() {
        var org = newOrg();
        var events = nightShift(org);
        publish(events);
        awaitCaughtUp(FAMILY);

        var session = document(OutreachProjector.SESSIONS, org, "night-1");
        assertThat(session.getString("sessionId")).isEqualTo("night-1");
        assertThat(session.getString("area")).isEqualTo("oost");
        assertThat(session.getString("siteType")).isEqualTo("street");
        assertThat(session.get("startedAt")).isEqualTo(date(at(21, 0)));
        assertThat(session.get("endedAt")).isEqualTo(date(at(23, 45)));
        assertThat(session.getList("peers", String.class)).containsExactlyInAnyOrder("peer-A", "peer-B");
        assertThat(number(session, "contacts")).isEqualTo(3);
        assertThat(number(session, "newContacts")).isEqualTo(1);
        assertThat(number(session, "peopleReached")).isEqualTo(6);
        assertThat(number(session, "materials.syringes")).isEqualTo(25);
        assertThat(number(session, "materials.naloxoneKits")).isEqualTo(2);
        assertThat(number(session, "signals")).isEqualTo(2);

        // its contact was recorded before the start reached the topic: it still counts, and the start fills in
        var early = document(OutreachProjector.SESSIONS, org, "night-2");
        assertThat(early.getString("siteType")).isEqualTo("drop-in");
        assertThat(early.get("startedAt")).isEqualTo(date(at(20, 0)));
        assertThat(number(early, "contacts")).isEqualTo(1);

        var signals = documents(physical(OutreachProjector.SIGNALS), org);
        assertThat(signals).hasSize(2);
        var substance = document(OutreachProjector.SIGNALS, org, events.get(3).eventId().toString());
        assertThat(substance.getString("kind")).isEqualTo("new-substance");
        assertThat(substance.getString("severity")).isEqualTo("high");
        assertThat(substance.getString("area")).isEqualTo("oost");
        assertThat(substance.getString("sessionId")).isEqualTo("night-1");
        assertThat(substance.getString("peerId")).isEqualTo("peer-B");
        assertThat(substance.getString("text")).isEqualTo("blue pills sold as oxycodone, fentanyl suspected");
        assertThat(substance.get("occurredAt")).isEqualTo(date(at(22, 10)));

        var oost = daily(org, "oost");
        assertThat(number(oost, "sessions")).isEqualTo(1);
        assertThat(number(oost, "contacts")).isEqualTo(3);
        assertThat(number(oost, "signals")).isEqualTo(1);
        var west = daily(org, "west");
        assertThat(number(west, "sessions")).isEqualTo(1);
        assertThat(number(west, "signals")).isEqualTo(1);
        assertThat(number(west, "contacts")).isEqualTo(1);
    }

    @Test
    void deadLettersAnEventOfAnUnknownTypeAndAppliesTheGoodOneBehindIt() {
        var org = newOrg();
        var unknown = new Document("eventId", UUID.randomUUID().toString()).append("type", "outreach.party-crashed")
                .append("version", 1).append("orgId", org).append("peerId", "peer-A")
                .append("occurredAt", EVENING.toString()).append("payload", new Document("sessionId", "night-9"))
                .toJson().getBytes(StandardCharsets.UTF_8);
        var poison = publishRaw(Topics.OUTREACH, "night-9", unknown);
        publish(event(org, "peer-A", EVENING, new SessionStarted("night-9", "zuid", "festival")));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(document(OutreachProjector.SESSIONS, org, "night-9"))
                .isNotNull().containsEntry("siteType", "festival"));
        assertDeadLetterOf(awaitDeadLetter(Topics.OUTREACH, "night-9", FAMILY), poison, unknown,
                "unknown type: outreach.party-crashed");
    }

    @Test
    void rebuildsViewsEqualToTheLiveOnesAndKeepsProjectingIntoTheNewGeneration() {
        var org = newOrg();
        publish(nightShift(org));

        int generation = rebuildEqualsLive(FAMILY, org);

        publish(contact(org, "night-1", "oost", 4, true, Materials.NONE));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(number(database
                .getCollection(OutreachProjector.DAILY + "__g" + generation)
                .find(Filters.eq("_id", org + "|2026-11-20|oost")).first(), "peopleReached")).isEqualTo(10));
    }

    /**
     * Two peers work session 1 in oost: three contacts, two signals (one about west), then the end; session 2's
     * contact in west is recorded before its start arrives.
     */
    private static List<Event> nightShift(String org) {
        return List.of(
                event(org, "peer-A", at(21, 0), new SessionStarted("night-1", "oost", "street")),
                event(org, "peer-A", at(21, 15), SampleEvents.anonymousContact("night-1", "oost", 1, true,
                        new Materials(10, 6, 1, 0, 0, 0, 2))),
                event(org, "peer-B", at(21, 40), new ContactRecorded("night-1", "oost", false, null,
                        clientRef(org, "client-7"), 1, false, new Materials(5, 5, 1, 0, 0, 0, 0), List.of("overdose"))),
                event(org, "peer-B", at(22, 10), new SignalReported("night-1", "new-substance", "oost", "high",
                        "blue pills sold as oxycodone, fentanyl suspected")),
                event(org, "peer-A", at(22, 30), SampleEvents.anonymousContact("night-1", "oost", 4, false,
                        SampleEvents.syringes(10))),
                event(org, "peer-A", at(23, 0), new SignalReported("night-1", "police-activity", "west", "medium",
                        "stop and search near the station")),
                event(org, "peer-A", at(23, 45), new SessionEnded("night-1")),
                event(org, "peer-C", at(20, 30), SampleEvents.anonymousContact("night-2", "west", 2, false,
                        Materials.NONE)),
                event(org, "peer-C", at(20, 0), new SessionStarted("night-2", "west", "drop-in")));
    }

    /** A time on the evening of 20 November in Amsterdam, the zone in which the views take their days. */
    private static Instant at(int hour, int minute) {
        return LocalDateTime.of(2026, 11, 20, hour, minute).atZone(ZoneId.of("Europe/Amsterdam")).toInstant();
    }

    private Document daily(String org, String area) {
        return document(OutreachProjector.DAILY, org, "2026-11-20", area);
    }

    private List<Document> dailies(String org) {
        return documents(physical(OutreachProjector.DAILY), org);
    }

    private static Event contact(String org, String session, String area, int groupSize, boolean newContact,
            Materials materials) {
        return event(org, "peer-1", EVENING, SampleEvents.anonymousContact(session, area, groupSize, newContact, materials));
    }
}
