package org.peertracker.testing;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.peertracker.events.ContactRecorded;
import org.peertracker.events.Event;
import org.peertracker.events.EventType;
import org.peertracker.events.Materials;
import org.peertracker.events.Payload;

/** Builds events for tests, as a field app (with a raw client code) or as published (with a clientRef). */
public final class SampleEvents {

    private SampleEvents() {}

    public static Event event(String orgId, String peerId, Instant occurredAt, Payload payload) {
        var type = EventType.of(payload);
        return new Event(
                UUID.randomUUID(),
                type.token(),
                type.version(),
                orgId,
                peerId,
                null,
                null,
                occurredAt,
                null,
                null,
                payload);
    }

    public static ContactRecorded anonymousContact(
            String sessionId, String area, int groupSize, boolean newContact, Materials materials) {
        return new ContactRecorded(
                sessionId, area, true, null, null, groupSize, newContact, materials, List.of("safer-use"));
    }

    public static ContactRecorded knownContact(String sessionId, String area, String clientCode) {
        return new ContactRecorded(
                sessionId,
                area,
                false,
                clientCode,
                null,
                1,
                false,
                new Materials(10, 8, 1, 0, 0, 0, 1),
                List.of("overdose"));
    }

    public static Materials syringes(int count) {
        return new Materials(count, 0, 0, 0, 0, 0, 0);
    }
}
