package org.peertracker.worker.reach;

import static org.peertracker.worker.projection.PublishedEvents.clientRef;
import static org.peertracker.worker.projection.PublishedEvents.event;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.peertracker.events.CaseContactLogged;
import org.peertracker.events.CaseOpened;
import org.peertracker.events.ContactRecorded;
import org.peertracker.events.Event;
import org.peertracker.events.Materials;
import org.peertracker.events.SessionStarted;
import org.peertracker.testing.SampleEvents;
import org.peertracker.worker.projection.FamilyScenario;

/** Clients an organisation reached in October and November 2026, for the projector's tests and the scenarios. */
public final class AutumnReach {

    public static final FamilyScenario SCENARIO = new FamilyScenario(
            "reach",
            AutumnReach::events,
            org -> event(org, "peer-A", at(11, 25, 22), known(org, "s-9", "west", "client-new")),
            org -> new FamilyScenario.Poison(
                    "not json".getBytes(StandardCharsets.UTF_8),
                    "not valid JSON",
                    event(org, "peer-A", at(11, 25, 21), known(org, "s-9", "west", "client-9"))));

    private AutumnReach() {}

    /**
     * November: clients 1 and 2 met in oost (client 1 twice), client 1 again in west, an anonymous contact, and
     * cases opened for clients 2 and 3 (one with a contact, which names no client) and, half an hour into 1 November
     * in Amsterdam (still October in UTC), for client 4. October: client 1 in oost.
     */
    static List<Event> events(String org) {
        return List.of(
                event(org, "peer-A", at(11, 20, 21), new SessionStarted("s-1", "oost", "street")),
                event(org, "peer-A", at(11, 20, 21), known(org, "s-1", "oost", "client-1")),
                event(org, "peer-B", at(11, 20, 22), known(org, "s-1", "oost", "client-2")),
                event(org, "peer-A", at(11, 21, 22), known(org, "s-2", "oost", "client-1")),
                event(org, "peer-B", at(11, 22, 20), known(org, "s-3", "west", "client-1")),
                event(
                        org,
                        "peer-B",
                        at(11, 22, 20),
                        SampleEvents.anonymousContact("s-3", "west", 3, true, Materials.NONE)),
                event(org, "peer-A", at(11, 3, 10), opened(org, "case-1", "client-2")),
                event(org, "peer-A", at(11, 4, 10), opened(org, "case-2", "client-3")),
                event(org, "peer-A", at(11, 5, 10), new CaseContactLogged("case-2", "phone", 10, List.of())),
                event(org, "peer-C", at(10, 12, 21), known(org, "s-0", "oost", "client-1")),
                event(org, "peer-C", at(11, 1, 0).plusSeconds(30 * 60), opened(org, "case-0", "client-4")));
    }

    static ContactRecorded known(String org, String session, String area, String client) {
        return new ContactRecorded(
                session, area, false, null, clientRef(org, client), 1, false, Materials.NONE, List.of());
    }

    static CaseOpened opened(String org, String caseId, String client) {
        return new CaseOpened(caseId, null, clientRef(org, client), List.of("housing"), "outreach");
    }

    /** A time of a day of 2026 in Amsterdam, the zone in which the views take their months. */
    static Instant at(int month, int day, int hour) {
        return LocalDateTime.of(2026, month, day, hour, 0)
                .atZone(ZoneId.of("Europe/Amsterdam"))
                .toInstant();
    }
}
