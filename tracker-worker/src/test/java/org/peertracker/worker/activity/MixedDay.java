package org.peertracker.worker.activity;

import static org.peertracker.worker.projection.PublishedEvents.clientRef;
import static org.peertracker.worker.projection.PublishedEvents.event;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
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
import org.peertracker.worker.projection.FamilyScenario;

/** A day of an organisation with an event on every topic, for the projector's tests and the shared scenarios. */
public final class MixedDay {

    /** Its poison is on the support topic: the log reads every topic. */
    public static final FamilyScenario SCENARIO = new FamilyScenario(
            "activity",
            MixedDay::events,
            org -> event(org, "peer-B", at(18), new SessionStarted("evening-1", "noord", "home")),
            org -> {
                var unknown = new Document("eventId", UUID.randomUUID().toString())
                        .append("type", "case.teleported")
                        .append("version", 1)
                        .append("orgId", org)
                        .append("peerId", "peer-A")
                        .append("occurredAt", at(12).toString())
                        .append("payload", new Document("caseId", "case-77"))
                        .toJson()
                        .getBytes(StandardCharsets.UTF_8);
                return new FamilyScenario.Poison(
                        unknown,
                        "unknown type: case.teleported",
                        event(org, "peer-A", at(12), new CaseContactLogged("case-77", "online", 25, List.of())));
            });

    private MixedDay() {}

    /** A day with an event on every topic, two of them about clients known by a clientRef. */
    static List<Event> events(String org) {
        return List.of(
                event(org, "peer-A", at(9), new PeerJoined("peer-A", List.of("peer-support"), "integrated")),
                event(
                        org,
                        "peer-A",
                        at(10),
                        new CaseOpened(
                                "case-1",
                                null,
                                clientRef(org, "client-1"),
                                List.of("housing", "safer-use"),
                                "outreach")),
                event(org, "peer-A", at(11), new CaseContactLogged("case-1", "in-person", 40, List.of("housing"))),
                event(org, "peer-B", at(13), new SessionStarted("day-1", "west", "drop-in")),
                event(
                        org,
                        "peer-B",
                        at(14),
                        new ContactRecorded(
                                "day-1",
                                "west",
                                false,
                                null,
                                clientRef(org, "client-2"),
                                1,
                                true,
                                new Materials(5, 0, 1, 3, 0, 0, 1),
                                List.of("overdose"))),
                event(
                        org,
                        "peer-B",
                        at(15),
                        new ActionRecorded("consumption-room", "act-1", "public-speaking", "Amsterdam", 1, 150, 0)),
                event(
                        org,
                        "peer-A",
                        at(16),
                        new CompensationPaid("peer-A", new BigDecimal("17.50"), "EUR", "cash", "peer-support")),
                event(
                        org,
                        "peer-B",
                        at(17),
                        new CampaignLaunched(
                                "consumption-room",
                                "A room in every city",
                                "Supervised consumption rooms",
                                LocalDate.of(2026, 9, 1),
                                null)));
    }

    static Instant at(int hour) {
        return Instant.parse("2026-08-14T%02d:00:00Z".formatted(hour));
    }
}
