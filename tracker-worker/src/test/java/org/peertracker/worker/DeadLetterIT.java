package org.peertracker.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.peertracker.events.InvolvementRecorded;
import org.peertracker.events.Topics;

/** What a dead letter does to where a family stands, and which records of a batch it takes along. */
class DeadLetterIT extends ProjectionITSupport {

    @Test
    void movesTheFamilysPositionPastAPoisonRecordThatEndsItsPartition() {
        var key = "last-" + UUID.randomUUID();
        var poison = publishRaw(Topics.CAMPAIGN, key, "not json".getBytes(StandardCharsets.UTF_8));

        awaitDeadLetter(Topics.CAMPAIGN, key, "campaign");

        var partition = new TopicPartition(poison.topic(), poison.partition());
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(positions
                                .of(generations.current("campaign").key(), List.of(partition))
                                .get(partition))
                        .isEqualTo(poison.offset() + 1));
    }

    @Test
    void deadLettersOnlyTheRecordWhoseWriteMongoDbRefusesAndAppliesTheRestOfItsBatch() {
        var org = newOrg();
        var peer = "peer-" + UUID.randomUUID().toString().substring(0, 8);
        var before =
                event(org, peer, Instant.now(), new InvolvementRecorded(peer, "educating", "school", "advising", 1.0));
        // a role with a dot cannot be a field name in hoursByRole: MongoDB refuses the update (written straight to
        // Kafka, as the intake's schema would reject it)
        var refused = event(
                org, peer, Instant.now(), new InvolvementRecorded(peer, "educating.extra", "school", "advising", 2.0));
        var after =
                event(org, peer, Instant.now(), new InvolvementRecorded(peer, "educating", "school", "advising", 4.0));

        publish(before, refused, after);

        var letter = awaitDeadLetter(Topics.PEER, peer, "involvement");
        assertThat(new String(letter.value(), StandardCharsets.UTF_8))
                .contains(refused.eventId().toString());
        awaitCaughtUp("involvement");
        assertThat(number(document("peers", org, peer), "hoursByRole.educating"))
                .isEqualTo(5);
        assertThat(number(document("peers", org, peer), "involvements")).isEqualTo(2);
    }
}
