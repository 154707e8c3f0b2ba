package org.peertracker.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import org.junit.jupiter.api.Test;
import org.peertracker.events.CarriesClientCode;
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
}
