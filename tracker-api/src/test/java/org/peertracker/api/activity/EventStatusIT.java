package org.peertracker.api.activity;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.peertracker.api.ApiITSupport;
import org.peertracker.api.Http;
import org.peertracker.events.CaseContactLogged;
import org.peertracker.events.CorrectionPayload;
import org.peertracker.events.Event;
import org.peertracker.events.EventAmended;
import org.peertracker.events.EventCodec;
import org.peertracker.events.EventVoided;
import org.peertracker.events.Payload;
import org.peertracker.events.Submitter;
import org.peertracker.events.Topics;
import org.peertracker.testing.SampleEvents;
import org.peertracker.testing.TestTokens;
import org.peertracker.views.ActivityLog;
import org.peertracker.views.Applied;
import org.peertracker.views.Generations;
import org.peertracker.views.Projections;
import org.peertracker.views.Projections.Claims;
import org.peertracker.views.Projections.Positions;
import org.peertracker.views.ViewFamily;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * What the status endpoint reads from the activity log and the projections' bookkeeping, seeded as the worker writes
 * them (claims, positions, generations): applied, pending and dead-lettered per family, the effect of corrections
 * under the rules, a correction's own target, conflicting re-sends. The worker's side of the same records is tested
 * with the worker (CorrectionsIT, EventClaimsTest); the two meet in the system tests (EndToEndIT).
 */
class EventStatusIT extends ApiITSupport {

    static final TestTokens TOKENS = TestTokens.shared();
    static final int PARTITION = 2;

    final String org = "status-" + UUID.randomUUID().toString().substring(0, 8);
    final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    long nextOffset = 100;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        infrastructure(registry, "status_it");
    }

    @Test
    void countsAnEventWhenEveryFamilyThatTakesItHasAppliedIt() {
        var contact = event("p1", peer("p1"), contact(10));
        applyEverywhere(contact);

        var status = status(contact);

        assertThat(status.path("counted").asBoolean()).isTrue();
        assertThat(families(status))
                .containsExactly("support=applied", "involvement=applied", "activity=applied", "reach=applied");
        assertThat(status.path("effect").asString()).isEqualTo("as-logged");
        assertThat(status.path("submittedBy").path("peerId").asString()).isEqualTo("p1");
        assertThat(status.path("receivedAt").asString())
                .isEqualTo(contact.receivedAt().toString());
    }

    @Test
    void saysPendingWhileAFamilyHasNotClaimedItOrNotPassedItsOffsetAndWhyOneDeadLetteredIt() {
        var contact = event("p1", peer("p1"), contact(10));
        log(contact);
        long offset = claim(ViewFamily.ACTIVITY, 0, contact, null);
        position(ViewFamily.ACTIVITY, 0, Topics.SUPPORT, offset + 1);
        claim(ViewFamily.SUPPORT, 0, contact, null);
        position(ViewFamily.SUPPORT, 0, Topics.SUPPORT, 0);
        claim(ViewFamily.INVOLVEMENT, 0, contact, "MongoDB refused the write: document too large");

        var status = status(contact);

        assertThat(status.path("counted").asBoolean()).isFalse();
        assertThat(families(status))
                .containsExactly("support=pending", "involvement=dead-lettered", "activity=applied", "reach=pending");
        assertThat(status.path("families").get(1).path("reason").asString()).contains("document too large");
    }

    @Test
    void readsTheBookkeepingOfTheGenerationReadersAreServedFrom() {
        var contact = event("p1", peer("p1"), contact(10));
        log(contact);
        for (var family : List.of(ViewFamily.ACTIVITY, ViewFamily.SUPPORT, ViewFamily.INVOLVEMENT, ViewFamily.REACH)) {
            // generation 0 never saw it; generation 3, which readers use, applied it
            views.getCollection(Generations.COLLECTION)
                    .insertOne(new Document("_id", org + "-" + family.views().getFirst())
                            .append(Generations.FAMILY, family.id())
                            .append(Generations.GENERATION, 3)
                            .append(Generations.PHYSICAL, family.views().getFirst() + "__g3"));
            position(family, 3, Topics.SUPPORT, claim(family, 3, contact, null) + 1);
        }

        assertThat(status(contact).path("counted").asBoolean()).isTrue();

        views.getCollection(Generations.COLLECTION).deleteMany(new Document(Generations.GENERATION, 3));
    }

    @Test
    void saysAnEventIsVoidedByACoordinatorsVoidAndNotByAnotherPeersAmendment() {
        var contact = event("p1", peer("p1"), contact(10));
        var othersAmendment =
                event("p1", peer("p2"), new EventAmended(contact.eventId(), contact.type(), "other", contact(99)));
        var coordinatorsVoid = event(
                "p1",
                new Submitter("coordinator", "coord-sub", null),
                new EventVoided(contact.eventId(), contact.type(), "c-1", "duplicate", null));
        applyEverywhere(contact, othersAmendment, coordinatorsVoid);

        var status = status(contact);

        assertThat(status.path("effect").asString()).isEqualTo("voided");
        assertThat(status.path("corrections")
                        .valueStream()
                        .map(c -> c.path("eventId").asString() + "="
                                + c.path("applies").asBoolean()))
                .containsExactlyInAnyOrder(othersAmendment.eventId() + "=false", coordinatorsVoid.eventId() + "=true");
        assertThat(status.path("corrections").get(0).path("reason").asString()).isIn("other", "duplicate");
    }

    @Test
    void saysAnEventIsAmendedByItsPeersOwnAmendmentWithinTheWindow() {
        var contact = event("p1", peer("p1"), contact(10));
        var amendment = event(
                "p1", peer("p1"), new EventAmended(contact.eventId(), contact.type(), "entered-in-error", contact(20)));
        applyEverywhere(contact, amendment);

        assertThat(status(contact).path("effect").asString()).isEqualTo("amended");
        var own = status(amendment);
        assertThat(own.path("effect").isNull()).isTrue();
        assertThat(own.path("target").path("eventId").asString())
                .isEqualTo(contact.eventId().toString());
        assertThat(own.path("target").path("known").asBoolean()).isTrue();
        assertThat(own.path("target").path("applies").asBoolean()).isTrue();
    }

    @Test
    void saysACorrectionOfAnEventNotLoggedHasNoTargetYet() {
        var unknown = UUID.randomUUID();
        var correction =
                event("p1", peer("p1"), new EventVoided(unknown, "case.contact-logged", "c-1", "duplicate", null));
        applyEverywhere(correction);

        var status = status(correction);

        assertThat(status.path("target").path("known").asBoolean()).isFalse();
        assertThat(status.path("target").path("applies").asBoolean()).isFalse();
        assertThat(status.path("counted").asBoolean()).isTrue();
        // the target's entry holds the correction alone: not an event the status endpoint knows
        assertThat(get(TOKENS.coordinator(org), unknown.toString()).status()).isEqualTo(404);
    }

    @Test
    void countsTheConflictingReSendsNotedOnTheClaims() {
        var contact = event("p1", peer("p1"), contact(10));
        applyEverywhere(contact);
        views.getCollection(Claims.COLLECTION)
                .updateOne(
                        new Document(
                                "_id",
                                Claims.id(
                                        ViewFamily.SUPPORT.id(),
                                        org,
                                        contact.eventId().toString())),
                        new Document(
                                "$set",
                                new Document(
                                        Claims.CONFLICTS,
                                        List.of(new Document(Claims.SOURCE, "tracker-support-v1-1")
                                                .append(Claims.OFFSET, 7L)))));

        assertThat(status(contact).path("conflicts").asInt()).isEqualTo(1);
    }

    @Test
    void answers404ForAnEventNotLoggedAndAnAnalyst403() {
        var contact = event("p1", peer("p1"), contact(10));
        applyEverywhere(contact);

        assertThat(get(TOKENS.coordinator(org), UUID.randomUUID().toString()).status())
                .isEqualTo(404);
        assertThat(get(TOKENS.analyst(org), contact.eventId().toString()).status())
                .isEqualTo(403);
        assertThat(get(TOKENS.peer(org, "p2"), contact.eventId().toString()).status())
                .isEqualTo(404);
        assertThat(get(TOKENS.peer(org, "p1"), contact.eventId().toString()).status())
                .isEqualTo(200);
    }

    private static CaseContactLogged contact(int minutes) {
        return new CaseContactLogged("c-1", "phone", minutes, List.of());
    }

    private static Submitter peer(String peerId) {
        return new Submitter("peer", "sub-" + peerId, peerId);
    }

    private Event event(String peerId, Submitter by, Payload payload) {
        return SampleEvents.event(org, peerId, now.minus(Duration.ofMinutes(30)), payload)
                .withReceivedAt(now.minus(Duration.ofMinutes(20)))
                .withSubmittedBy(by);
    }

    /** Logs the events and has every family that takes them apply them (claim and position past it). */
    private void applyEverywhere(Event... events) {
        for (var event : events) {
            log(event);
            for (var family : ViewFamily.values()) {
                if (family.topics().contains(event.topic())) {
                    position(family, 0, event.topic(), claim(family, 0, event, null) + 1);
                }
            }
        }
    }

    /** The activity log's entry, and the correction listed on its target's, as the worker writes them. */
    private void log(Event event) {
        logged(org, event);
        if (event.payload() instanceof CorrectionPayload correction) {
            views.getCollection(ActivityLog.COLLECTION)
                    .updateOne(
                            new Document(
                                    "_id",
                                    ActivityLog.key(
                                            org, correction.targetEventId().toString())),
                            new Document(
                                    "$set",
                                    new Document(
                                            ActivityLog.CORRECTIONS + "." + event.eventId(),
                                            new Document(ActivityLog.Correction.TYPE, event.type())
                                                    .append(ActivityLog.Correction.REASON, correction.reason())
                                                    .append(
                                                            ActivityLog.Correction.OCCURRED_AT,
                                                            Date.from(event.occurredAt())))),
                            new UpdateOptions().upsert(true));
        }
    }

    /** A family's claim of the event at a new offset; returns the offset. */
    private long claim(ViewFamily family, int generation, Event event, String deadLettered) {
        long offset = nextOffset++;
        var projection = Projections.key(family.id(), generation);
        var claim = new Document(
                        "_id", Claims.id(projection, org, event.eventId().toString()))
                .append(Claims.PROJECTION, projection)
                .append(Claims.SOURCE, Applied.source(event.topic(), PARTITION))
                .append(Claims.OFFSET, offset)
                .append(Claims.EVENT, EventCodec.write(event));
        if (deadLettered != null) {
            claim.append(Claims.DEAD_LETTERED, true).append(Claims.REASON, deadLettered);
        }
        views.getCollection(Claims.COLLECTION).insertOne(claim);
        return offset;
    }

    private void position(ViewFamily family, int generation, String topic, long next) {
        var projection = Projections.key(family.id(), generation);
        views.getCollection(Positions.COLLECTION)
                .replaceOne(
                        new Document("_id", Positions.id(projection, topic, PARTITION)),
                        new Document(Positions.PROJECTION, projection)
                                .append(Positions.TOPIC, topic)
                                .append(Positions.PARTITION, PARTITION)
                                .append(Positions.NEXT, Math.max(next, 0)),
                        new ReplaceOptions().upsert(true));
    }

    private JsonNode status(Event event) {
        var response = get(TOKENS.coordinator(org), event.eventId().toString());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private Http.Response get(String token, String eventId) {
        return new Http(port).as(token).get("/api/v1/orgs/" + org + "/events/" + eventId);
    }

    private static List<String> families(JsonNode status) {
        var families = new ArrayList<String>();
        status.path("families")
                .forEach(f -> families.add(
                        f.path("family").asString() + "=" + f.path("state").asString()));
        return families;
    }
}
