package org.peertracker.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.peertracker.events.CarriesClientCode;
import org.peertracker.events.ContactRecorded;
import org.peertracker.events.EventCodec;
import org.peertracker.events.EventType;

class RebuildEventsTest {

    @Test
    void makesReadablePublishedEventsOfEveryTypeKeyedBySubject() {
        var events = new RebuildEvents("bench-rebuild");
        var types = new HashSet<EventType>();
        int contacts = 0;
        for (int i = 0; i < 20_000; i++) {
            var published = events.next();
            var event = EventCodec.read(published.value());
            types.add(event.eventType());
            contacts += event.eventType() == EventType.OUTREACH_CONTACT_RECORDED ? 1 : 0;
            assertThat(event.orgId()).isEqualTo("bench-rebuild");
            assertThat(event.receivedAt()).isNotNull();
            assertThat(published.topic()).isEqualTo(event.topic());
            assertThat(published.key()).isEqualTo(event.key());
            assertThat(new String(published.value())).doesNotContain("clientCode");
            if (event.payload() instanceof CarriesClientCode<?> carrier) {
                assertThat(carrier.clientCode()).isNull();
            }
        }
        assertThat(types).containsExactlyInAnyOrderElementsOf(RebuildEvents.types());
        assertThat(contacts).isBetween(15_500, 16_500);
    }

    @Test
    void inFieldOrderContactsComeFromAFewSessionsUnderWayEachInOneAreaAsTheClockMovesOn() {
        var sessionsOf500 = new ArrayList<Integer>();
        var areas = new HashMap<String, Set<String>>();
        var sessions = new HashSet<String>();
        Instant last = null;
        var events = new RebuildEvents("bench", RebuildEvents.Order.FIELD);
        for (int batch = 0; batch < 20; batch++) {
            var inBatch = new HashSet<String>();
            for (int i = 0; i < 500; i++) {
                var event = EventCodec.read(
                        events.next(EventType.OUTREACH_CONTACT_RECORDED).value());
                var contact = (ContactRecorded) event.payload();
                inBatch.add(contact.sessionId());
                sessions.add(contact.sessionId());
                areas.computeIfAbsent(contact.sessionId(), s -> new HashSet<>()).add(contact.area());
                assertThat(last == null || !event.occurredAt().isBefore(last)).isTrue();
                last = event.occurredAt();
            }
            sessionsOf500.add(inBatch.size());
        }
        // 24 under way, each ending after about 24 contacts: a batch of 500 meets a few dozen sessions, not 500
        assertThat(sessionsOf500).allSatisfy(n -> assertThat(n).isBetween(24, 80));
        assertThat(areas.values()).allSatisfy(a -> assertThat(a).hasSize(1));
        assertThat(sessions.size()).isBetween(10_000 / 40, 10_000 / 12);
    }

    @Test
    void inUniformOrderNeighboursRarelyShareASession() {
        var events = new RebuildEvents("bench", RebuildEvents.Order.UNIFORM);
        var inBatch = new HashSet<String>();
        for (int i = 0; i < 500; i++) {
            var contact = (ContactRecorded) EventCodec.read(
                            events.next(EventType.OUTREACH_CONTACT_RECORDED).value())
                    .payload();
            inBatch.add(contact.sessionId());
        }
        assertThat(inBatch.size()).isGreaterThan(450);
    }
}
