package org.peertracker.service.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.peertracker.events.Topics;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class TopicSettingsTest {

    @Test
    void asksForThreeReplicasOfWhichTwoInSyncUnlessConfiguredOtherwise() {
        assertThat(bind(Map.of())).isEqualTo(new TopicSettings(6, 3, 2));
    }

    @Test
    void readsTheSettingsFromTheEnvironmentUnderTheSameNamesInBothServices() {
        var settings = bind(Map.of(
                "TRACKER_TOPICS_PARTITIONS", "4",
                "TRACKER_TOPICS_REPLICATION_FACTOR", "1",
                "TRACKER_TOPICS_MIN_INSYNC_REPLICAS", "1"));

        assertThat(settings).isEqualTo(new TopicSettings(4, 1, 1));
    }

    @Test
    void refusesMoreInSyncReplicasThanReplicasForNoWriteCouldEverBeAcknowledged() {
        assertThatThrownBy(() -> new TopicSettings(6, 1, 2)).hasMessageContaining("tracker.topics.min-insync-replicas");
        assertThatThrownBy(() -> new TopicSettings(6, 0, 0)).hasMessageContaining("tracker.topics.replication-factor");
    }

    @Test
    void createsTheViewChangesTopicWithTheConfiguredReplicasKeptAnHour() {
        var topic = new KafkaSupport().viewChangesTopic(new TopicSettings(6, 3, 2));

        assertThat(topic.name()).isEqualTo(Topics.VIEW_CHANGES);
        assertThat(topic.numPartitions()).isEqualTo(3);
        assertThat(topic.replicationFactor()).isEqualTo((short) 3);
        assertThat(topic.configs())
                .containsEntry(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2")
                .containsEntry(TopicConfig.RETENTION_MS_CONFIG, "3600000");
    }

    @Test
    void makesTopicsKeptForeverOfTheConfiguredPartitionsAndReplicas() {
        var topic = new TopicSettings(6, 3, 2).keptForever("t");

        assertThat(topic.name()).isEqualTo("t");
        assertThat(topic.numPartitions()).isEqualTo(6);
        assertThat(topic.replicationFactor()).isEqualTo((short) 3);
        assertThat(topic.configs())
                .containsEntry(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2")
                .containsEntry(TopicConfig.RETENTION_MS_CONFIG, "-1");
    }

    private static TopicSettings bind(Map<String, Object> environment) {
        var source = new SystemEnvironmentPropertySource("environment", environment);
        return new Binder(ConfigurationPropertySources.from(source))
                .bindOrCreate("tracker.topics", TopicSettings.class);
    }
}
