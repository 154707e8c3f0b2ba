package org.peertracker.worker.reach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.peertracker.worker.projection.PublishedEvents.clientRef;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.peertracker.events.CaseOpened;
import org.peertracker.events.ContactRecorded;
import org.peertracker.events.Event;
import org.peertracker.events.EventAmended;
import org.peertracker.events.EventType;
import org.peertracker.events.EventVoided;
import org.peertracker.events.Materials;
import org.peertracker.events.Payload;
import org.peertracker.events.Submitter;
import org.peertracker.views.ClientsReached;
import org.peertracker.worker.ProjectionITSupport;

/**
 * Corrections of the events that name clients, through Kafka: a voided contact's client and a voided case's leave the
 * sets (a set left empty, its document), an amended contact's client is replaced; a rebuild equals the live view.
 */
class ClientsReachedCorrectionsIT extends ProjectionITSupport {

    static final Instant AT = Instant.parse("2026-11-12T10:00:00Z");
    static final Submitter COORDINATOR = new Submitter("coordinator", "c-1", null);

    @Test
    void takesAVoidedClientOutAndAnAmendedOneInWhicheverArrivesFirst() {
        var org = newOrg();
        var first = event(org, "p1", AT, contact(org, "c1"));
        var voided = event(org, "p1", AT.plusSeconds(60), contact(org, "c2"));
        var opened = event(
                org,
                "p1",
                AT.plusSeconds(120),
                new CaseOpened("case-1", null, clientRef(org, "c3"), List.of("housing"), "outreach"));
        var voidingContact = correction(
                org, AT.plusSeconds(600), new EventVoided(voided.eventId(), voided.type(), "s-1", "duplicate", null));
        var voidingCase = correction(
                org,
                AT.plusSeconds(660),
                new EventVoided(opened.eventId(), opened.type(), "case-1", "entered-in-error", null));
        var amending = correction(
                org,
                AT.plusSeconds(720),
                new EventAmended(first.eventId(), first.type(), "wrong-subject", contact(org, "c9")));

        // the void of the contact reaches the topic before its target
        publish(first, voidingContact, voided, opened, voidingCase, amending);
        awaitCaughtUp("reach");

        await().atMost(PATIENCE).untilAsserted(() -> {
            var oost = document(ClientsReached.COLLECTION, org, "2026-11", "oost");
            assertThat(oost.get(ClientsReached.CLIENTS, Document.class).keySet())
                    .containsExactly(clientRef(org, "c9"));
            assertThat(document(ClientsReached.COLLECTION, org, "2026-11", ClientsReached.NO_AREA))
                    .as("the voided case's client, the set's only one")
                    .isNull();
        });

        rebuildEqualsLive("reach", org);
    }

    private static ContactRecorded contact(String org, String client) {
        return new ContactRecorded("s-1", "oost", false, null, clientRef(org, client), 1, false, Materials.NONE, null);
    }

    private static Event correction(String org, Instant at, Payload payload) {
        var type = EventType.of(payload);
        return new Event(
                UUID.randomUUID(),
                type.token(),
                type.version(),
                org,
                "p1",
                null,
                null,
                at,
                at.plus(Duration.ofSeconds(5)),
                COORDINATOR,
                payload);
    }
}
