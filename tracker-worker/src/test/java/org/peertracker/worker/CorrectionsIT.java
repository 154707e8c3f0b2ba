package org.peertracker.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.peertracker.worker.projection.PublishedEvents.clientRef;
import static org.peertracker.worker.projection.ViewDocuments.number;
import static org.peertracker.worker.projection.ViewDocuments.value;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.peertracker.events.CaseContactLogged;
import org.peertracker.events.CaseOpened;
import org.peertracker.events.Event;
import org.peertracker.events.EventAmended;
import org.peertracker.events.EventType;
import org.peertracker.events.EventVoided;
import org.peertracker.events.Payload;
import org.peertracker.events.Submitter;
import org.peertracker.views.SupportCaseload;
import org.peertracker.views.SupportCases;

/**
 * Corrections through Kafka: a void published before its target, an amendment after it, an amendment by another peer
 * that may not correct the event; then a rebuild from offset 0 equals the live views.
 */
class CorrectionsIT extends ProjectionITSupport {

    static final Instant AT = Instant.parse("2026-11-12T10:00:00Z");

    @Test
    void appliesVoidsAndAmendmentsWhicheverArrivesFirstAndARebuildEqualsTheLiveViews() {
        var org = newOrg();
        var opened = by(
                "p1",
                event(org, "p1", AT, new CaseOpened("case-1", null, clientRef(org, "c1"), List.of("housing"), "self")));
        var kept = by(
                "p1", event(org, "p1", AT.plusSeconds(600), new CaseContactLogged("case-1", "phone", 30, List.of())));
        var voidedContact = by(
                "p1", event(org, "p1", AT.plusSeconds(1200), new CaseContactLogged("case-1", "phone", 20, List.of())));
        var voiding = correction(
                org,
                new Submitter("coordinator", "c-1", null),
                AT.plusSeconds(1800),
                new EventVoided(voidedContact.eventId(), voidedContact.type(), "case-1", "duplicate", null));
        var amending = correction(
                org,
                new Submitter("peer", "p1", "p1"),
                AT.plusSeconds(2400),
                new EventAmended(
                        kept.eventId(),
                        kept.type(),
                        "entered-in-error",
                        new CaseContactLogged("case-1", "in-person", 45, List.of())));
        var byAnother = correction(
                org,
                new Submitter("peer", "p2", "p2"),
                AT.plusSeconds(3000),
                new EventAmended(
                        opened.eventId(),
                        opened.type(),
                        "wrong-subject",
                        new CaseOpened("case-1", null, clientRef(org, "someone-else"), List.of("detox"), "self")));

        // the void reaches the topic before the contact it voids
        publish(opened, voiding, voidedContact, kept, amending, byAnother);
        awaitCaughtUp("support");

        await().atMost(PATIENCE).untilAsserted(() -> {
            var theCase = document(SupportCases.COLLECTION, org, "case-1");
            assertThat(number(theCase, SupportCases.CONTACTS)).isEqualTo(1);
            assertThat(number(theCase, SupportCases.MINUTES)).isEqualTo(45);
            assertThat(number(theCase, "modes.in-person")).isEqualTo(1);
            assertThat(theCase.get("modes", org.bson.Document.class)).doesNotContainKey("phone");
        });
        var theCase = document(SupportCases.COLLECTION, org, "case-1");
        assertThat(value(theCase, "opening.clientRef"))
                .as("another peer's amendment has no effect")
                .isEqualTo(clientRef(org, "c1"));
        var caseload = document(SupportCaseload.COLLECTION, org, "p1", "2026-11");
        assertThat(number(caseload, SupportCaseload.CONTACTS)).isEqualTo(1);
        assertThat(number(caseload, SupportCaseload.MINUTES)).isEqualTo(45);

        rebuildEqualsLive("support", org);
    }

    private static Event by(String peer, Event event) {
        return event.withSubmittedBy(new Submitter("peer", peer, peer));
    }

    private static Event correction(String org, Submitter by, Instant at, Payload payload) {
        var type = EventType.of(payload);
        var peer = by.peerId() != null ? by.peerId() : "p1";
        return new Event(
                UUID.randomUUID(),
                type.token(),
                type.version(),
                org,
                peer,
                null,
                null,
                at,
                at.plus(Duration.ofSeconds(5)),
                by,
                payload);
    }
}
