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
        var second = replay.replay(Topics.CAMPAIGN);

        assertThat((Integer) first.get("replayed")).isPositive();
        assertThat(second.get("replayed")).isEqualTo(0);
        assertThat(replay.pending().get(Topics.CAMPAIGN)).isZero();
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(document("campaigns", org, campaign)).isNotNull().containsEntry("name", "Safe spaces"));
    }
}
