package org.peertracker.worker.support;

import static org.peertracker.worker.projection.PublishedEvents.clientRef;
import static org.peertracker.worker.projection.PublishedEvents.event;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.peertracker.events.CaseClosed;
import org.peertracker.events.CaseContactLogged;
import org.peertracker.events.CaseOpened;
import org.peertracker.events.CaseReassigned;
import org.peertracker.events.Event;
import org.peertracker.events.ReferralClosed;
import org.peertracker.events.ReferralMade;
import org.peertracker.worker.projection.FamilyScenario;

/** Support work of an organisation in March and April 2026, for the projector's tests and the shared scenarios. */
public final class CaseWork {

    /** The case work and the race over an opening. */
    public static final FamilyScenario SCENARIO = new FamilyScenario(
            "support",
            org -> Stream.concat(events(org).stream(), openingRace(org).stream())
                    .toList(),
            org -> event(org, "peer-B", april(6, 10), new CaseContactLogged("case-2", "phone", 5, List.of())),
            org -> new FamilyScenario.Poison(
                    "not json".getBytes(StandardCharsets.UTF_8),
                    "not valid JSON",
                    event(
                            org,
                            "peer-A",
                            march(9, 9),
                            new CaseOpened("case-9", null, clientRef(org, "case-9"), List.of("legal-aid"), "self"))));

    private CaseWork() {}

    /**
     * Peer A opens two cases, logs contacts, makes two referrals and closes one of them, hands case 2 to peer B, who
     * logs a contact in April, and closes case 1. Case 3's contact and referral closing arrive before its opening.
     */
    static List<Event> events(String org) {
        var events = new ArrayList<Event>();
        events.add(event(
                org, "peer-A", march(2, 9), opened(org, "case-1", List.of("housing", "mental-health"), "outreach")));
        events.add(event(org, "peer-A", march(2, 10), opened(org, "case-2", List.of("detox"), "self")));
        events.add(event(
                org, "peer-A", march(3, 14), new CaseContactLogged("case-1", "in-person", 30, List.of("housing"))));
        events.add(event(org, "peer-A", march(4, 11), new CaseContactLogged("case-2", "online", 20, List.of())));
        events.add(
                event(org, "peer-A", march(5, 16), new CaseContactLogged("case-1", "phone", 15, List.of("treatment"))));
        events.add(event(org, "peer-A", march(5, 17), new ReferralMade("case-1", "ref-1", "housing")));
        events.add(event(org, "peer-A", march(6, 9), new ReferralMade("case-1", "ref-2", "detox")));
        events.add(event(org, "peer-A", march(10, 12), new ReferralClosed("case-1", "ref-1", "attended")));
        events.add(event(org, "peer-A", march(12, 9), new CaseReassigned("case-2", "peer-B")));
        events.add(
                event(org, "peer-A", march(20, 10), new CaseContactLogged("case-3", "accompaniment", 10, List.of())));
        events.add(event(org, "peer-A", march(22, 10), new ReferralClosed("case-3", "ref-3", "not-attended")));
        events.add(event(org, "peer-A", march(18, 10), opened(org, "case-3", List.of(), "peer")));
        events.add(event(org, "peer-A", march(19, 10), new ReferralMade("case-3", "ref-3", "hiv-hcv-testing")));
        events.add(event(org, "peer-B", april(2, 10), new CaseContactLogged("case-2", "accompaniment", 45, List.of())));
        events.add(event(org, "peer-A", april(3, 15), new CaseClosed("case-1", "goals-met")));
        return events;
    }

    /**
     * Peer A opens case 4, and peer B opens the same caseId for another client (two openings racing past the
     * intake): B's is dated earlier, a device's clock can say anything, but received later, and reaches the topic
     * first. Then a coordinator hands the case to peer C.
     */
    static List<Event> openingRace(String org) {
        var first = event(org, "peer-A", march(2, 9), opened(org, "case-4", List.of("housing"), "outreach"))
                .withReceivedAt(march(2, 10));
        var second = event(
                        org,
                        "peer-B",
                        march(1, 9),
                        new CaseOpened("case-4", null, clientRef(org, "someone-else"), List.of("detox"), "self"))
                .withReceivedAt(march(2, 11));
        var reassigned = event(org, "coordinator-1", march(3, 9), new CaseReassigned("case-4", "peer-C"));
        return List.of(second, first, reassigned);
    }

    static CaseOpened opened(String org, String caseId, List<String> needs, String referredBy) {
        return new CaseOpened(caseId, null, clientRef(org, caseId), needs, referredBy);
    }

    static Instant march(int day, int hour) {
        return Instant.parse("2026-03-%02dT%02d:00:00Z".formatted(day, hour));
    }

    static Instant april(int day, int hour) {
        return Instant.parse("2026-04-%02dT%02d:00:00Z".formatted(day, hour));
    }
}
