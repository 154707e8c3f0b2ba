package org.peertracker.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.peertracker.worker.projection.ViewDocuments.value;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.peertracker.events.CampaignLaunched;
import org.peertracker.events.Event;
import org.peertracker.events.EventCodec;
import org.peertracker.events.InvolvementRecorded;
import org.peertracker.events.Topics;
import org.peertracker.testing.TestInfrastructure;
import org.peertracker.views.Peers;
import org.peertracker.worker.ProjectionITSupport;
import org.peertracker.worker.mongo.Leases;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.support.KafkaHeaders;

class DeadLetterReplayIT extends ProjectionITSupport {

    @Autowired
    DeadLetterReplay replay;

    @Autowired
    KafkaOperations<String, byte[]> kafka;

    @Autowired
    Leases leases;

    @Test
    void publishesDeadLettersAgainToTheirTopicOnceAndTheyAreApplied() {
        var org = newOrg();
        var campaign = "camp-" + UUID.randomUUID().toString().substring(0, 8);
        // as if it had been dead-lettered, e.g. during a bug since fixed
        deadLetter(Topics.CAMPAIGN, Topics.CAMPAIGN, campaign, launch(org, campaign, "Safe spaces", "Open a room"));

        var first = replay.replay(Topics.CAMPAIGN);
        replay.replay(Topics.CAMPAIGN);

        assertThat((Integer) first.getBody().get("replayed")).isPositive();
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(value(document("campaigns", org, campaign), "launch.name"))
                        .isEqualTo("Safe spaces"));
        // other tests' poison records may be dead-lettered again meanwhile; this letter went back exactly once
        assertThat(recordsOnTopicWithKey(Topics.CAMPAIGN, campaign)).isEqualTo(1);
    }

    @Test
    void refusesAReplayOfATopicWhileAnotherInstanceHoldsItsLeaseAndTakesItOverOnceExpired() {
        var other = leases.acquire(
                        "deadletter-replay:" + Topics.PEER, "another-instance", Duration.ofMinutes(5), new Document())
                .orElseThrow();

        var refused = replay.replay(Topics.PEER);
        leases.release(other, new Document());
        var taken = replay.replay(Topics.PEER);

        assertThat(refused.getStatus()).isEqualTo(409);
        assertThat(refused.getBody().get("detail").toString()).contains("another-instance");
        assertThat(taken.getStatus()).isEqualTo(200);
    }

    @Test
    void appliesAReplayedDeadLetterExactlyOnceWhereMongoDbHadRefusedItAndNowhereElse() {
        var org = newOrg();
        var peer = "peer-" + UUID.randomUUID().toString().substring(0, 8);
        var at = Instant.parse("2026-11-20T10:00:00Z");
        publish(event(org, peer, at, new InvolvementRecorded(peer, "educating", "school", "advising", 1.0)));
        awaitCaughtUp("involvement");
        // a field of another type (an operator's slip, or a bug since fixed): MongoDB refuses to $inc into it
        view("peers").updateOne(Filters.eq("_id", Peers.key(org, peer)), Updates.set("hoursByLevel", "broken"));
        var refused = event(org, peer, at, new InvolvementRecorded(peer, "educating", "school", "advising", 2.0));

        publish(refused);
        awaitDeadLetter(Topics.PEER, peer, "involvement");
        awaitCaughtUp("involvement");
        // the peer's record missed the event; the month's figures of the same family took it
        assertThat(number(document("peers", org, peer), "hours")).isEqualTo(1);
        assertThat(number(document("involvement_monthly", org, "2026-11", peer), "hours"))
                .isEqualTo(3);
        view("peers").updateOne(Filters.eq("_id", Peers.key(org, peer)), Updates.unset("hoursByLevel"));
        replay.replay(Topics.PEER);

        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(number(document("peers", org, peer), "hours"))
                        .isEqualTo(3));
        awaitCaughtUp("involvement");
        var record = document("peers", org, peer);
        assertThat(number(record, "involvements")).isEqualTo(2);
        assertThat(number(record, "hoursByRole.educating")).isEqualTo(3);
        assertThat(number(record, "hoursByLevel.advising")).isEqualTo(2);
        assertThat(number(document("involvement_monthly", org, "2026-11", peer), "hours"))
                .isEqualTo(3);
        assertThat(number(document("involvement_monthly", org, "2026-11", peer), "involvements"))
                .isEqualTo(2);
    }

    @Test
    void replaysADeadLetterOnlyToItsOwnTopicWhateverItsOriginHeaderSays() {
        var org = newOrg();
        var campaign = "camp-" + UUID.randomUUID().toString().substring(0, 8);
        deadLetter(Topics.OUTREACH, Topics.CAMPAIGN, campaign, launch(org, campaign, "Elsewhere", "Sent astray"));

        var result = replay.replay(Topics.OUTREACH);

        assertThat((Integer) result.getBody().get("skipped")).isPositive();
        assertThat(recordsOnTopicWithKey(Topics.CAMPAIGN, campaign)).isZero();
        assertThat(recordsOnTopicWithKey(Topics.OUTREACH, campaign)).isZero();
    }

    private Event launch(String org, String campaign, String name, String goal) {
        return event(
                org,
                "peer-1",
                Instant.now(),
                new CampaignLaunched(campaign, name, goal, LocalDate.of(2026, 12, 1), null));
    }

    /**
     * Puts the event on the dead letters of {@code topic} under {@code key}, as a dead-lettering of a record of
     * {@code originalTopic} would, and waits until the replay sees it there.
     */
    private void deadLetter(String topic, String originalTopic, String key, Event event) {
        var letter = new ProducerRecord<>(Topics.deadLetter(topic), key, EventCodec.writeBytes(event));
        letter.headers().add(KafkaHeaders.DLT_ORIGINAL_TOPIC, originalTopic.getBytes(StandardCharsets.UTF_8));
        kafka.send(letter).join();
        await().atMost(PATIENCE).until(() -> replay.pending().get(topic) > 0);
    }

    private static int recordsOnTopicWithKey(String topic, String key) {
        var found = new java.util.concurrent.atomic.AtomicInteger();
        try (var consumer = TestInfrastructure.consumerFromStart("count-", new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            var ends = endOffsets(List.of(topic));
            await().atMost(PATIENCE).pollInSameThread().until(() -> {
                consumer.poll(java.time.Duration.ofMillis(250)).forEach(record -> {
                    if (key.equals(record.key())) {
                        found.incrementAndGet();
                    }
                });
                return ends.entrySet().stream()
                        .allMatch(end -> consumer.assignment().contains(end.getKey())
                                && consumer.position(end.getKey()) >= end.getValue());
            });
        }
        return found.get();
    }
}
