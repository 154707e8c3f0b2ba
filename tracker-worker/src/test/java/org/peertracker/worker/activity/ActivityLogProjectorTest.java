package org.peertracker.worker.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peertracker.worker.projection.PublishedEvents.clientRef;
import static org.peertracker.worker.projection.ViewDocuments.date;
import static org.peertracker.worker.projection.ViewDocuments.value;

import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.peertracker.events.Event;
import org.peertracker.views.ViewKey;
import org.peertracker.worker.projection.InMemoryViews;

/** What every event does to the activity log, without Kafka or MongoDB. */
class ActivityLogProjectorTest {

    static final String ORG = "org-activity";
    static final String LOG = ActivityLogProjector.LOG;

    final ActivityLogProjector projector = new ActivityLogProjector();
    final List<Event> events = MixedDay.events(ORG);
    final InMemoryViews day = InMemoryViews.project(projector, events);

    @Test
    void logsEveryEventAsPublishedWithItsSubjectAndTimes() {
        assertThat(day.documents(LOG))
                .extracting(doc -> doc.getString("_id"))
                .containsExactlyInAnyOrderElementsOf(events.stream()
                        .map(e -> ViewKey.of(ORG, e.eventId().toString()))
                        .toList());
        for (var event : events) {
            var entry = entry(event);
            assertThat(entry.getString("orgId")).isEqualTo(ORG);
            assertThat(entry.getString("eventId")).isEqualTo(event.eventId().toString());
            assertThat(entry.getString("type")).isEqualTo(event.type());
            assertThat(entry.getString("peerId")).isEqualTo(event.peerId());
            assertThat(entry.getString("subject")).isEqualTo(event.key());
            assertThat(entry.get("occurredAt")).isEqualTo(date(event.occurredAt()));
            assertThat(entry.get("receivedAt")).isEqualTo(date(event.receivedAt()));
            assertThat(entry.toJson()).doesNotContain("clientCode");
        }
        assertThat(entry(events.get(3)).getString("subject")).isEqualTo("day-1");
    }

    @Test
    void keepsThePayloadWithAClientRefAndNeverAClientCode() {
        var opened = entry(events.get(1)).get("payload", Document.class);
        assertThat(opened.getString("caseId")).isEqualTo("case-1");
        assertThat(opened.getString("clientRef"))
                .isEqualTo(clientRef(ORG, "client-1"))
                .matches("[0-9a-f]{64}");
        assertThat(opened.getList("needs", String.class)).containsExactly("housing", "safer-use");
        var contact = entry(events.get(4)).get("payload", Document.class);
        assertThat(contact.getString("clientRef")).isEqualTo(clientRef(ORG, "client-2"));
        assertThat(contact.getBoolean("anonymous")).isFalse();
        assertThat(value(contact, "materials.naloxoneKits")).isEqualTo(1);
        var paid = entry(events.get(6)).get("payload", Document.class);
        assertThat(((Number) paid.get("amount")).doubleValue()).isEqualTo(17.5);
        assertThat(paid.getString("currency")).isEqualTo("EUR");
        var launched = entry(events.get(7)).get("payload", Document.class);
        assertThat(launched.getString("startsOn")).isEqualTo("2026-09-01");
        assertThat(launched).doesNotContainKey("endsOn");
    }

    @Test
    void leavesAnEntryAsItWasWhenItsEventIsAppliedAgain() {
        var before = day.snapshot();

        events.forEach(event -> day.apply(projector.project(event)));

        assertThat(day.snapshot()).isEqualTo(before);
    }

    @Test
    void endsInTheSameLogWhateverOrderTheEventsArriveInAndHoweverTheyAreBatched() {
        InMemoryViews.assertEndsTheSameInAnyOrder(projector, events, day.snapshot(), 3, false);
    }

    private Document entry(Event event) {
        return day.document(LOG, ViewKey.of(ORG, event.eventId().toString()));
    }
}
