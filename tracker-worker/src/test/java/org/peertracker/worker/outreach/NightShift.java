package org.peertracker.worker.outreach;

import static org.peertracker.worker.projection.PublishedEvents.clientRef;
import static org.peertracker.worker.projection.PublishedEvents.event;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.peertracker.events.ContactRecorded;
import org.peertracker.events.Event;
import org.peertracker.events.Materials;
import org.peertracker.events.SessionEnded;
import org.peertracker.events.SessionStarted;
import org.peertracker.events.SignalReported;
import org.peertracker.testing.SampleEvents;
import org.peertracker.worker.projection.FamilyScenario;

/** An outreach night of an organisation, for the projector's tests and the shared scenarios. */
public final class NightShift {

    public static final FamilyScenario SCENARIO = new FamilyScenario(
            "outreach",
            NightShift::events,
            org -> event(
                    org,
                    "peer-1",
                    at(20, 30),
                    SampleEvents.anonymousContact("night-1", "oost", 4, true, Materials.NONE)),
            org -> {
                var unknown = new Document("eventId", UUID.randomUUID().toString())
                        .append("type", "outreach.party-crashed")
                        .append("version", 1)
                        .append("orgId", org)
                        .append("peerId", "peer-A")
                        .append("occurredAt", at(20, 30).toString())
                        .append("payload", new Document("sessionId", "night-9"))
                        .toJson()
                        .getBytes(StandardCharsets.UTF_8);
                return new FamilyScenario.Poison(
                        unknown,
                        "unknown type: outreach.party-crashed",
                        event(org, "peer-A", at(20, 30), new SessionStarted("night-9", "zuid", "festival")));
            });

    private NightShift() {}

    /**
     * Two peers work session 1 in oost: three contacts, two signals (one about west), then the end; session 2's
     * contact in west is recorded before its start arrives.
     */
    static List<Event> events(String org) {
        return List.of(
                event(org, "peer-A", at(21, 0), new SessionStarted("night-1", "oost", "street")),
                event(
                        org,
                        "peer-A",
                        at(21, 15),
                        SampleEvents.anonymousContact("night-1", "oost", 1, true, new Materials(10, 6, 1, 0, 0, 0, 2))),
                event(
                        org,
                        "peer-B",
                        at(21, 40),
                        new ContactRecorded(
                                "night-1",
                                "oost",
                                false,
                                null,
                                clientRef(org, "client-7"),
                                1,
                                false,
                                new Materials(5, 5, 1, 0, 0, 0, 0),
                                List.of("overdose"))),
                event(
                        org,
                        "peer-B",
                        at(22, 10),
                        new SignalReported(
                                "night-1",
                                "new-substance",
                                "oost",
                                "high",
                                "blue pills sold as oxycodone, fentanyl suspected")),
                event(
                        org,
                        "peer-A",
                        at(22, 30),
                        SampleEvents.anonymousContact("night-1", "oost", 4, false, SampleEvents.syringes(10))),
                event(
                        org,
                        "peer-A",
                        at(23, 0),
                        new SignalReported(
                                "night-1", "police-activity", "west", "medium", "stop and search near the station")),
                event(org, "peer-A", at(23, 45), new SessionEnded("night-1")),
                event(
                        org,
                        "peer-C",
                        at(20, 30),
                        SampleEvents.anonymousContact("night-2", "west", 2, false, Materials.NONE)),
                event(org, "peer-C", at(20, 0), new SessionStarted("night-2", "west", "drop-in")));
    }

    /** A time on the evening of 20 November in Amsterdam, the zone in which the views take their days. */
    static Instant at(int hour, int minute) {
        return LocalDateTime.of(2026, 11, 20, hour, minute)
                .atZone(ZoneId.of("Europe/Amsterdam"))
                .toInstant();
    }
}
