package org.peertracker.api.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.peertracker.api.ApiITSupport;
import org.peertracker.api.Http;
import org.peertracker.events.CaseContactLogged;
import org.peertracker.events.CaseReassigned;
import org.peertracker.events.Event;
import org.peertracker.events.EventAmended;
import org.peertracker.events.EventCodec;
import org.peertracker.events.EventType;
import org.peertracker.events.EventVoided;
import org.peertracker.events.Payload;
import org.peertracker.events.Submitter;
import org.peertracker.testing.IntakeAnswers;
import org.peertracker.testing.SampleEvents;
import org.peertracker.testing.TestTokens;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the intake decides of corrections and re-sends when it can see their targets in the activity log (seeded as
 * the worker writes it): who may correct which event, within which window, and that an eventId recorded with other
 * content is a conflict, never silently dropped. The submitter is the intake's to say.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CorrectionsAtIntakeIT extends ApiITSupport {

    static final String ORG = "corr-" + UUID.randomUUID().toString().substring(0, 8);
    static final TestTokens TOKENS = TestTokens.shared();

    /** p1's contact of an hour ago, p2's, p1's of a month ago, and a coordinator's reassignment. */
    final Event own = logged("p1", Duration.ofHours(1), new CaseContactLogged("c-1", "phone", 10, List.of()));

    final Event another = logged("p2", Duration.ofHours(1), new CaseContactLogged("c-2", "phone", 10, List.of()));
    final Event old = logged("p1", Duration.ofDays(30), new CaseContactLogged("c-1", "phone", 10, List.of()));
    final Event reassigned = logged("p1", Duration.ofHours(1), new CaseReassigned("c-1", "p1"));

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        infrastructure(registry, "corrections_it");
    }

    @BeforeAll
    void seed() {
        for (var event : List.of(own, another, old, reassigned)) {
            logged(ORG, event);
        }
    }

    @Test
    void letsAPeerCorrectItsOwnRecentEventAndAnyEventOfTheOrganisationACoordinator() {
        assertThat(post(TOKENS.peer(ORG, "p1"), voiding("p1", own))
                        .path("status")
                        .asString())
                .isEqualTo("accepted");
        assertThat(post(TOKENS.coordinator(ORG), voiding("p1", another))
                        .path("status")
                        .asString())
                .isEqualTo("accepted");
        assertThat(post(TOKENS.coordinator(ORG), voiding("p1", old))
                        .path("status")
                        .asString())
                .isEqualTo("accepted");
        assertThat(post(TOKENS.coordinator(ORG), voiding("p1", reassigned))
                        .path("status")
                        .asString())
                .isEqualTo("accepted");
    }

    @Test
    void refusesAPeerAnotherPeersEventAnEventPastTheWindowAndACoordinatorsType() {
        assertThat(rule(post(TOKENS.peer(ORG, "p1"), voiding("p1", another)))).isEqualTo("own-event");
        assertThat(rule(post(TOKENS.peer(ORG, "p1"), voiding("p1", old)))).isEqualTo("correction-window");
        assertThat(rule(post(TOKENS.peer(ORG, "p1"), voiding("p1", reassigned))))
                .isEqualTo("coordinator-only");
    }

    @Test
    void tellsAPeerNothingOfAnotherPeersEventItNamesWrongly() {
        // p2's contact on c-2, named by p1 as another type on another case: p1 learns only that it is not its own
        var guess = correction("p1", new EventVoided(another.eventId(), "case.closed", "c-9", "other", null));

        var result = post(TOKENS.peer(ORG, "p1"), guess);

        assertThat(rule(result)).isEqualTo("own-event");
        assertThat(result.path("errors").toString()).doesNotContain("case.contact-logged", "c-2");
    }

    @Test
    void refusesACorrectionNamingAnotherTypeOrSubjectThanItsTargets() {
        var wrongType = correction("p1", new EventVoided(own.eventId(), "case.closed", "c-1", "other", null));
        var wrongSubject = correction("p1", new EventVoided(own.eventId(), own.type(), "c-2", "other", null));
        var movedAmendment = correction(
                "p1",
                new EventAmended(
                        own.eventId(),
                        own.type(),
                        "wrong-subject",
                        new CaseContactLogged("c-2", "phone", 10, List.of())));

        assertThat(rule(post(TOKENS.coordinator(ORG), wrongType))).isEqualTo("target-type");
        assertThat(rule(post(TOKENS.coordinator(ORG), wrongSubject))).isEqualTo("same-subject");
        assertThat(rule(post(TOKENS.coordinator(ORG), movedAmendment))).isEqualTo("same-subject");
    }

    @Test
    void takesACorrectionOfAnEventNotRecordedYetForTheWorkerToApplyWhenItArrives() {
        var unknown =
                correction("p1", new EventVoided(UUID.randomUUID(), "case.contact-logged", "c-1", "duplicate", null));

        assertThat(post(TOKENS.peer(ORG, "p1"), unknown).path("status").asString())
                .isEqualTo("accepted");
    }

    @Test
    void answersAReSentEventWithOtherContentAsAConflictAndTheSameContentAsAccepted() {
        var same = own.withReceivedAt(null).withSubmittedBy(null);
        var changed = same.withPayload(new CaseContactLogged("c-1", "phone", 99, List.of()));

        var resent = post(TOKENS.peer(ORG, "p1"), same);
        var conflicting = post(TOKENS.peer(ORG, "p1"), changed);

        assertThat(resent.path("status").asString()).isEqualTo("accepted");
        assertThat(conflicting.path("status").asString()).isEqualTo("conflict");
        assertThat(conflicting.path("errors").get(0).path("message").asString()).contains("event.amended");
    }

    @Test
    void publishesWhoSentAnEventWhateverTheClientClaims() {
        var org = "sub-" + UUID.randomUUID().toString().substring(0, 8);
        var event = SampleEvents.event(
                        org,
                        "p1",
                        Instant.now().minusSeconds(60),
                        SampleEvents.anonymousContact("s-" + org, "oost", 1, false, null))
                .withSubmittedBy(new Submitter("admin", "someone-else", null));

        var response = new Http(port)
                .as(TOKENS.peer(org, "p1"))
                .post("/api/v1/orgs/" + org + "/events", EventCodec.write(event));

        assertThat(response.status()).isEqualTo(202);
        var published = EventCodec.read(IntakeIT.published(org, 1).getFirst().value());
        assertThat(published.submittedBy()).isEqualTo(new Submitter("peer", "p1", "p1"));
    }

    @Test
    void answersTheRulesInDutchWhenAskedAndInEnglishOtherwiseKeepingTheRuleNames() {
        var foreign = voiding("p1", another);
        var broken = EventCodec.mapper()
                .readTree(EventCodec.write(SampleEvents.event(
                        ORG, "p1", Instant.now(), SampleEvents.anonymousContact("s-1", "oost", 1, false, null))));
        ((ObjectNode) broken.path("payload")).put("groupSize", 0);
        var body = "[" + EventCodec.write(foreign) + "," + broken + "]";
        var events = "/api/v1/orgs/" + ORG + "/events";
        var peer = new Http(port).as(TOKENS.peer(ORG, "p1"));

        var dutch = peer.postJson(events, body, "Accept-Language", "nl-NL,nl;q=0.9,en;q=0.5")
                .json();
        var german = peer.postJson(events, body, "Accept-Language", "de-DE").json();
        var none = peer.postJson(events, body).json();

        assertThat(IntakeAnswers.firstError(dutch, 0).path("rule").asString()).isEqualTo("own-event");
        assertThat(IntakeAnswers.firstError(dutch, 0).path("message").asString())
                .contains("alleen eigen gebeurtenissen");
        assertThat(IntakeAnswers.firstError(dutch, 1).path("rule").asString()).isEqualTo("minimum");
        assertThat(IntakeAnswers.firstError(dutch, 1).path("field").asString()).isEqualTo("payload.groupSize");
        assertThat(IntakeAnswers.firstError(dutch, 1).path("message").asString())
                .contains("minimumwaarde");
        for (var english : List.of(german, none)) {
            assertThat(IntakeAnswers.firstError(english, 0).path("message").asString())
                    .contains("only its own events");
            assertThat(IntakeAnswers.firstError(english, 1).path("message").asString())
                    .contains("minimum");
            assertThat(IntakeAnswers.firstError(english, 1).path("rule").asString())
                    .isEqualTo("minimum");
        }
    }

    private JsonNode post(String token, Event event) {
        var response = new Http(port).as(token).post("/api/v1/orgs/" + ORG + "/events", EventCodec.write(event));
        return response.json().path("results").get(0);
    }

    private static String rule(JsonNode result) {
        assertThat(result.path("status").asString()).isEqualTo("rejected");
        return result.path("errors").get(0).path("rule").asString();
    }

    private static Event voiding(String peer, Event target) {
        return correction(
                peer, new EventVoided(target.eventId(), target.type(), target.key(), "entered-in-error", null));
    }

    private static Event correction(String peer, Payload payload) {
        var type = EventType.of(payload);
        return new Event(
                UUID.randomUUID(),
                type.token(),
                type.version(),
                ORG,
                peer,
                null,
                null,
                Instant.now().minusSeconds(10),
                null,
                null,
                payload);
    }

    private static Event logged(String peer, Duration ago, Payload payload) {
        var at = Instant.now().minus(ago);
        return SampleEvents.event(ORG, peer, at.minusSeconds(60), payload).withReceivedAt(at);
    }

    private static String id(Event event) {
        return event.eventId().toString();
    }
}
