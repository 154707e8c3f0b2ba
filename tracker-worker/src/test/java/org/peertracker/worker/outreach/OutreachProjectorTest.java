package org.peertracker.worker.outreach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peertracker.worker.outreach.NightShift.at;
import static org.peertracker.worker.projection.PublishedEvents.event;
import static org.peertracker.worker.projection.ViewDocuments.date;
import static org.peertracker.worker.projection.ViewDocuments.number;
import static org.peertracker.worker.projection.ViewDocuments.value;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.peertracker.events.Event;
import org.peertracker.events.Materials;
import org.peertracker.events.SessionStarted;
import org.peertracker.testing.SampleEvents;
import org.peertracker.views.ViewKey;
import org.peertracker.worker.projection.InMemoryViews;
import org.peertracker.worker.projection.ViewProperties;

/** What each outreach event does to sessions, the signal feed and daily figures, without Kafka or MongoDB. */
class OutreachProjectorTest {

    static final String ORG = "org-outreach";
    static final String SESSIONS = OutreachProjector.SESSIONS;
    static final String DAILY = OutreachProjector.DAILY;
    static final String SIGNALS = OutreachProjector.SIGNALS;

    final OutreachProjector projector = new OutreachProjector(new ViewProperties(ZoneId.of("Europe/Amsterdam")));
    final List<Event> night = NightShift.events(ORG);
    final InMemoryViews nightShift = InMemoryViews.project(projector, night);

    @Test
    void countsContactsPeopleAndMaterialsPerDayAndArea() {
        var views = InMemoryViews.project(
                projector,
                List.of(
                        contact("s1", "oost", 1, true, new Materials(10, 4, 1, 2, 0, 0, 1)),
                        contact("s1", "oost", 3, false, SampleEvents.syringes(5)),
                        contact("s2", "west", 2, true, Materials.NONE)));

        var oost = views.document(DAILY, ViewKey.of(ORG, "2026-11-20", "oost"));
        assertThat(oost.getString("orgId")).isEqualTo(ORG);
        assertThat(oost.getString("day")).isEqualTo("2026-11-20");
        assertThat(oost.getString("area")).isEqualTo("oost");
        assertThat(number(oost, "contacts")).isEqualTo(2);
        assertThat(number(oost, "newContacts")).isEqualTo(1);
        assertThat(number(oost, "peopleReached")).isEqualTo(4);
        assertThat(number(oost, "materials.syringes")).isEqualTo(15);
        assertThat(number(oost, "materials.needlesReturned")).isEqualTo(4);
        assertThat(number(oost, "materials.condoms")).isEqualTo(2);
        assertThat(number(views.document(DAILY, ViewKey.of(ORG, "2026-11-20", "west")), "peopleReached"))
                .isEqualTo(2);
    }

    @Test
    void followsASessionFromItsStartToItsEndWithItsPeersContactsAndSignals() {
        var session = document(SESSIONS, "night-1");

        assertThat(session.getString("sessionId")).isEqualTo("night-1");
        assertThat(value(session, "start.area")).isEqualTo("oost");
        assertThat(value(session, "start.siteType")).isEqualTo("street");
        assertThat(session.get("startedAt")).isEqualTo(date(at(21, 0)));
        assertThat(session.get("endedAt")).isEqualTo(date(at(23, 45)));
        assertThat(session.get("lastActivityAt")).isEqualTo(date(at(23, 45)));
        assertThat(session.getList("peers", String.class)).containsExactly("peer-A", "peer-B");
        assertThat(number(session, "contacts")).isEqualTo(3);
        assertThat(number(session, "newContacts")).isEqualTo(1);
        assertThat(number(session, "peopleReached")).isEqualTo(6);
        assertThat(number(session, "materials.syringes")).isEqualTo(25);
        assertThat(number(session, "materials.naloxoneKits")).isEqualTo(2);
        assertThat(number(session, "signals")).isEqualTo(2);
    }

    @Test
    void countsAContactRecordedBeforeItsSessionsStartAndFillsTheSessionInWhenTheStartArrives() {
        var early = document(SESSIONS, "night-2");

        assertThat(value(early, "start.area")).isEqualTo("west");
        assertThat(value(early, "start.siteType")).isEqualTo("drop-in");
        assertThat(early.get("startedAt")).isEqualTo(date(at(20, 0)));
        assertThat(number(early, "contacts")).isEqualTo(1);
    }

    @Test
    void takesASessionsAreaFromItsStartOverThatOfAContactWhicheverArrivesFirst() {
        var contact = event(
                ORG, "peer-A", at(21, 10), SampleEvents.anonymousContact("night-3", "west", 1, true, Materials.NONE));
        var start = event(ORG, "peer-A", at(21, 0), new SessionStarted("night-3", "oost", "street"));

        for (var order : List.of(List.of(contact, start), List.of(start, contact))) {
            var session = InMemoryViews.project(projector, order).document(SESSIONS, ViewKey.of(ORG, "night-3"));
            assertThat(value(session, "start.area")).as("area after %s", order).isEqualTo("oost");
        }
        // until the start arrives, the contact's area is all there is
        assertThat(value(
                        InMemoryViews.project(projector, List.of(contact))
                                .document(SESSIONS, ViewKey.of(ORG, "night-3")),
                        "firstContact.area"))
                .isEqualTo("west");
    }

    @Test
    void feedsEachSignalWithWhatWhereAndWhoOnce() {
        assertThat(nightShift.documents(SIGNALS)).hasSize(2);
        var substance = document(SIGNALS, night.get(3).eventId().toString());
        assertThat(substance)
                .isEqualTo(new Document(
                                "_id", ViewKey.of(ORG, night.get(3).eventId().toString()))
                        .append("orgId", ORG)
                        .append("eventId", night.get(3).eventId().toString())
                        .append("sessionId", "night-1")
                        .append("peerId", "peer-B")
                        .append("kind", "new-substance")
                        .append("area", "oost")
                        .append("severity", "high")
                        .append("text", "blue pills sold as oxycodone, fentanyl suspected")
                        .append("occurredAt", date(at(22, 10))));
        // a signal applied again is still the one it was
        assertThat(nightShift.apply(projector.project(night.get(3))).document(SIGNALS, substance.getString("_id")))
                .isEqualTo(substance);
    }

    @Test
    void sumsSessionsContactsAndSignalsPerDayAndArea() {
        var oost = document(DAILY, "2026-11-20", "oost");
        assertThat(number(oost, "sessions")).isEqualTo(1);
        assertThat(number(oost, "contacts")).isEqualTo(3);
        assertThat(number(oost, "peopleReached")).isEqualTo(6);
        assertThat(number(oost, "signals")).isEqualTo(1);
        // the signal about west counts in west, though its session works in oost
        var west = document(DAILY, "2026-11-20", "west");
        assertThat(number(west, "sessions")).isEqualTo(1);
        assertThat(number(west, "signals")).isEqualTo(1);
        assertThat(number(west, "contacts")).isEqualTo(1);
        assertThat(nightShift.documents(DAILY)).hasSize(2);
    }

    @Test
    void takesTheDayInTheViewsZone() {
        // 23:30 UTC on 20 November is half past midnight on the 21st in Amsterdam
        var views = InMemoryViews.project(
                projector,
                List.of(event(
                        ORG,
                        "peer-A",
                        Instant.parse("2026-11-20T23:30:00Z"),
                        SampleEvents.anonymousContact("night-1", "oost", 1, true, Materials.NONE))));

        assertThat(views.documents(DAILY))
                .extracting(doc -> doc.getString("day"))
                .containsExactly("2026-11-21");
    }

    @Test
    void endsInTheSameViewsWhateverOrderTheEventsArriveInAndHoweverTheyAreBatched() {
        // a session's peers are listed in order of arrival
        InMemoryViews.assertEndsTheSameInAnyOrder(projector, night, nightShift.snapshot(), 4, true);
    }

    private Document document(String collection, String... parts) {
        return nightShift.document(collection, ViewKey.of(ORG, parts));
    }

    private static Event contact(String session, String area, int groupSize, boolean newContact, Materials materials) {
        return event(
                ORG,
                "peer-1",
                Instant.parse("2026-11-20T20:30:00Z"),
                SampleEvents.anonymousContact(session, area, groupSize, newContact, materials));
    }
}
