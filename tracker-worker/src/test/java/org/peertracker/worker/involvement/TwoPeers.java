package org.peertracker.worker.involvement;

import static org.peertracker.worker.projection.PublishedEvents.event;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.peertracker.events.ActionRecorded;
import org.peertracker.events.CaseContactLogged;
import org.peertracker.events.CompensationPaid;
import org.peertracker.events.Event;
import org.peertracker.events.InvolvementRecorded;
import org.peertracker.events.Materials;
import org.peertracker.events.PeerJoined;
import org.peertracker.events.PeerLeft;
import org.peertracker.events.RoleAssigned;
import org.peertracker.events.RoleEnded;
import org.peertracker.events.TrainingCompleted;
import org.peertracker.testing.SampleEvents;
import org.peertracker.worker.projection.FamilyScenario;

/** Two peers of an organisation and their coordinator in spring 2026, for the projector's tests and the shared scenarios. */
public final class TwoPeers {

    public static final FamilyScenario SCENARIO = new FamilyScenario(
            "involvement",
            TwoPeers::events,
            org -> event(
                    org,
                    "peer-P",
                    day(4, 20),
                    new InvolvementRecorded("peer-P", "programming", "needle-exchange-board", "advising", 1.5)),
            org -> new FamilyScenario.Poison(
                    "not json".getBytes(StandardCharsets.UTF_8),
                    "not valid JSON",
                    event(org, "peer-Z", day(5, 1), new PeerJoined("peer-Z", List.of("researching"), "autonomous"))));

    private TwoPeers() {}

    /**
     * Peer P joins (autonomous), takes on and gives up roles, is involved at several levels, is trained and paid,
     * and logs outreach and support work; coordinator C brings peer Q in (integrated), pays Q, records an
     * involvement of P's, and sees Q out after Q's one campaign action.
     */
    static List<Event> events(String org) {
        return List.of(
                event(
                        org,
                        "peer-P",
                        day(3, 1),
                        new PeerJoined("peer-P", List.of("peer-support", "educating"), "autonomous")),
                event(org, "peer-C", day(3, 1), new PeerJoined("peer-Q", List.of("campaigning"), "integrated")),
                event(org, "peer-P", day(3, 3), new RoleAssigned("peer-P", "public-speaking")),
                event(
                        org,
                        "peer-P",
                        day(3, 5),
                        new InvolvementRecorded(
                                "peer-P", "policy-making", "city-council-drug-policy", "co-deciding", 2.5)),
                event(org, "peer-P", day(3, 8), new TrainingCompleted("peer-P", "naloxone", 4.0)),
                event(
                        org,
                        "peer-P",
                        day(3, 12),
                        new InvolvementRecorded("peer-P", "researching", "university-peer-study", "consulted", 1.25)),
                event(
                        org,
                        "peer-P",
                        day(3, 14),
                        SampleEvents.anonymousContact("walk-1", "centrum", 1, true, Materials.NONE)),
                event(org, "peer-P", day(3, 15), new CaseContactLogged("case-P1", "phone", 20, List.of())),
                event(org, "peer-P", day(3, 20), new RoleEnded("peer-P", "educating")),
                event(
                        org,
                        "peer-C",
                        day(3, 25),
                        new CompensationPaid("peer-Q", new BigDecimal("40.00"), "EUR", "voucher", "campaigning")),
                event(
                        org,
                        "peer-P",
                        day(3, 31),
                        new CompensationPaid("peer-P", new BigDecimal("25.50"), "EUR", "cash", "peer-support")),
                event(
                        org,
                        "peer-C",
                        day(3, 26),
                        new InvolvementRecorded("peer-P", "educating", "school-workshop", "informed", 0.75)),
                event(
                        org,
                        "peer-P",
                        day(4, 2),
                        new InvolvementRecorded("peer-P", "advocating", "national-users-union", "leading", 3.0)),
                event(
                        org,
                        "peer-P",
                        day(4, 3),
                        new CompensationPaid("peer-P", new BigDecimal("12.25"), "EUR", "transfer", "policy-making")),
                event(
                        org,
                        "peer-Q",
                        day(4, 4),
                        new ActionRecorded("stop-arrests", "act-1", "demonstration", "Den Haag", 30, 200, 1)),
                event(org, "peer-C", day(4, 10), new PeerLeft("peer-Q")));
    }

    static Instant day(int month, int day) {
        return Instant.parse("2026-%02d-%02dT11:00:00Z".formatted(month, day));
    }
}
