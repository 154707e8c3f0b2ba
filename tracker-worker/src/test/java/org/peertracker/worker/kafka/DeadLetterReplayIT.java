package org.peertracker.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.peertracker.events.CampaignLaunched;
import org.peertracker.events.EventCodec;
import org.peertracker.events.Topics;
import org.peertracker.worker.ProjectionITSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.support.KafkaHeaders;

class DeadLetterReplayIT extends ProjectionITSupport {

    @Autowired
    DeadLetterReplay replay;
    @Autowired
    KafkaOperations<String, byte[]> kafka;

    @Test
    void publishesDeadLettersAgainToTheirTopicOnceAndTheyAreApplied() {
        var org = newOrg();
        var campaign = "camp-" + UUID.randomUUID().toString().substring(0, 8);
        var event = event(org, "peer-1", Instant.now(), new CampaignLaunched(campaign, "Safe spaces", "Open a room",
                LocalDate.of(2026, 12, 1), null));
        // as if it had been dead-lettered, e.g. during a bug since fixed
        var letter = new ProducerRecord<>(Topics.deadLetter(Topics.CAMPAIGN), campaign, EventCodec.writeBytes(event));
        letter.headers().add(KafkaHeaders.DLT_ORIGINAL_TOPIC, Topics.CAMPAIGN.getBytes(StandardCharsets.UTF_8));
        kafka.send(letter).join();
        await().atMost(PATIENCE).until(() -> replay.pending().get(Topics.CAMPAIGN) > 0);

        var first = replay.replay(Topics.CAMPAIGN);
        replay.replay(Topics.CAMPAIGN);

        assertThat((Integer) first.get("replayed")).isPositive();
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(document("campaigns", org, campaign)).isNotNull().containsEntry("name", "Safe spaces"));
        // other tests' poison records may be dead-lettered again meanwhile; this letter went back exactly once
        assertThat(recordsOnTopicWithKey(Topics.CAMPAIGN, campaign)).isEqualTo(1);
    }

    private static int recordsOnTopicWithKey(String topic, String key) {
        var found = new java.util.concurrent.atomic.AtomicInteger();
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<>(java.util.Map.<String, Object>of(
                "bootstrap.servers", org.peertracker.testing.TestInfrastructure.kafkaBootstrapServers(),
                "group.id", "count-" + UUID.randomUUID(), "auto.offset.reset", "earliest"),
                new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            consumer.subscribe(java.util.List.of(topic));
            var ends = endOffsets(java.util.List.of(topic));
            await().atMost(PATIENCE).pollInSameThread().until(() -> {
                consumer.poll(java.time.Duration.ofMillis(250)).forEach(record -> {
                    if (key.equals(record.key())) {
                        found.incrementAndGet();
                    }
                });
                return ends.entrySet().stream().allMatch(end -> consumer.assignment().contains(end.getKey())
                        && consumer.position(end.getKey()) >= end.getValue());
            });
        }
        return found.get();
    }
}
