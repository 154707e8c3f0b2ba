package org.peertracker.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.peertracker.events.Topics;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class KafkaConfigurationTest {

    private static final ProjectionProperties PROJECTION =
            new ProjectionProperties("tracker-worker", 1, 2, 2, Duration.ofMillis(200), 6);

    @Test
    void createsTheDeadLetterTopicsWithTheConfiguredReplicasAndInSyncReplicas() {
        var topics = KafkaConfiguration.deadLetterTopicList(PROJECTION, new TopicProperties(3, 2));

        assertThat(topics).extracting(NewTopic::name)
                .containsExactlyInAnyOrderElementsOf(Topics.EVENT_TOPICS.stream().map(Topics::deadLetter).toList());
        assertThat(topics).allSatisfy(topic -> {
            assertThat(topic.numPartitions()).isEqualTo(6);
            assertThat(topic.replicationFactor()).isEqualTo((short) 3);
            assertThat(topic.configs()).containsEntry(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2")
                    .containsEntry(TopicConfig.RETENTION_MS_CONFIG, "-1");
        });
    }

    @Test
    void createsTheViewChangesTopicAsTheApiDoes() {
        var topic = new KafkaConfiguration().viewChangesTopic(new TopicProperties(3, 2));

        assertThat(topic.name()).isEqualTo(Topics.VIEW_CHANGES);
        assertThat(topic.numPartitions()).isEqualTo(3);
        assertThat(topic.replicationFactor()).isEqualTo((short) 3);
        assertThat(topic.configs()).containsEntry(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2")
                .containsEntry(TopicConfig.RETENTION_MS_CONFIG, "3600000");
    }

    @Test
    void asksForThreeReplicasOfWhichTwoInSyncUnlessTheEnvironmentSaysOtherwise() {
        assertThat(bind(Map.of())).isEqualTo(new TopicProperties(3, 2));
        assertThat(bind(Map.of("TRACKER_TOPICS_REPLICATION_FACTOR", "1", "TRACKER_TOPICS_MIN_INSYNC_REPLICAS", "1")))
                .isEqualTo(new TopicProperties(1, 1));
    }

    @Test
    void refusesMoreInSyncReplicasThanReplicasForNoDeadLetterCouldEverBeAcknowledged() {
        assertThatThrownBy(() -> new TopicProperties(1, 2)).hasMessageContaining("tracker.topics.min-insync-replicas");
        assertThatThrownBy(() -> new TopicProperties(0, 0)).hasMessageContaining("tracker.topics.replication-factor");
    }

    private static TopicProperties bind(Map<String, Object> environment) {
        var source = new SystemEnvironmentPropertySource("environment", environment);
        return new Binder(ConfigurationPropertySources.from(source)).bindOrCreate("tracker.topics", TopicProperties.class);
    }
}
