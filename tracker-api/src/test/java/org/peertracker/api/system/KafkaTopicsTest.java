package org.peertracker.api.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.peertracker.events.Topics;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class KafkaTopicsTest {

    @Test
    void createsTheEventTopicsWithTheConfiguredReplicasAndInSyncReplicas() {
        var topics = KafkaTopics.eventTopicList(new KafkaTopics.TopicProperties(6, 3, 2));

        assertThat(topics).extracting(NewTopic::name).containsExactlyInAnyOrderElementsOf(Topics.EVENT_TOPICS);
        assertThat(topics).allSatisfy(topic -> {
            assertThat(topic.numPartitions()).isEqualTo(6);
            assertThat(topic.replicationFactor()).isEqualTo((short) 3);
            assertThat(topic.configs()).containsEntry(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2")
                    .containsEntry(TopicConfig.RETENTION_MS_CONFIG, "-1");
        });
    }

    @Test
    void createsTheViewChangesTopicWithTheSameReplicasAndInSyncReplicas() {
        var topic = new KafkaTopics().viewChangesTopic(new KafkaTopics.TopicProperties(6, 3, 2));

        assertThat(topic.name()).isEqualTo(Topics.VIEW_CHANGES);
        assertThat(topic.numPartitions()).isEqualTo(3);
        assertThat(topic.replicationFactor()).isEqualTo((short) 3);
        assertThat(topic.configs()).containsEntry(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2")
                .containsEntry(TopicConfig.RETENTION_MS_CONFIG, "3600000");
    }

    @Test
    void asksForThreeReplicasOfWhichTwoInSyncUnlessConfiguredOtherwise() {
        var properties = bind(Map.of());

        assertThat(properties).isEqualTo(new KafkaTopics.TopicProperties(6, 3, 2));
    }

    @Test
    void readsTheSettingsFromTheEnvironmentUnderTheNamesTheWorkerReadsToo() {
        var properties = bind(Map.of(
                "TRACKER_TOPICS_PARTITIONS", "4",
                "TRACKER_TOPICS_REPLICATION_FACTOR", "1",
                "TRACKER_TOPICS_MIN_INSYNC_REPLICAS", "1"));

        assertThat(properties).isEqualTo(new KafkaTopics.TopicProperties(4, 1, 1));
    }

    @Test
    void refusesMoreInSyncReplicasThanReplicasForNoWriteCouldEverBeAcknowledged() {
        assertThatThrownBy(() -> new KafkaTopics.TopicProperties(6, 1, 2))
                .hasMessageContaining("tracker.topics.min-insync-replicas");
        assertThatThrownBy(() -> new KafkaTopics.TopicProperties(6, 0, 0))
                .hasMessageContaining("tracker.topics.replication-factor");
    }

    private static KafkaTopics.TopicProperties bind(Map<String, Object> environment) {
        var source = new SystemEnvironmentPropertySource("environment", environment);
        return new Binder(ConfigurationPropertySources.from(source))
                .bindOrCreate("tracker.topics", KafkaTopics.TopicProperties.class);
    }
}
