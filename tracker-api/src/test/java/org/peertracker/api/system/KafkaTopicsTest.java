package org.peertracker.api.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.peertracker.events.Topics;
import org.peertracker.service.kafka.TopicSettings;

class KafkaTopicsTest {

    @Test
    void createsTheEventTopicsWithTheConfiguredReplicasAndInSyncReplicasKeptForever() {
        var topics = KafkaTopics.eventTopicList(new TopicSettings(6, 3, 2));

        var expected = new ArrayList<>(Topics.EVENT_TOPICS);
        expected.add(Topics.ERASURES);
        assertThat(topics).extracting(NewTopic::name).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(topics).allSatisfy(topic -> {
            assertThat(topic.numPartitions()).isEqualTo(6);
            assertThat(topic.replicationFactor()).isEqualTo((short) 3);
            assertThat(topic.configs())
                    .containsEntry(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2")
                    .containsEntry(TopicConfig.RETENTION_MS_CONFIG, "-1");
        });
    }
}
