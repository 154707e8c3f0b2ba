package org.peertracker.api.system;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.peertracker.events.Topics;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/** Creates the event topics at start-up when missing; they keep events forever so views can be rebuilt. */
@Configuration(proxyBeanMethods = false)
class KafkaTopics {

    /**
     * How the topics created at start-up are made (the worker reads the same names for the topics it creates).
     *
     * @param partitions        partitions of each event topic
     * @param replicationFactor copies of each partition, on as many brokers
     * @param minInsyncReplicas copies that must hold an event before the broker acknowledges it ({@code acks=all});
     *                          with 3 and 2 a broker may fail without losing an acknowledged event or refusing writes
     */
    @ConfigurationProperties("tracker.topics")
    record TopicProperties(
            @DefaultValue("6") int partitions,
            @DefaultValue("3") int replicationFactor,
            @DefaultValue("2") int minInsyncReplicas) {

        TopicProperties {
            if (replicationFactor < 1) {
                throw new IllegalArgumentException("tracker.topics.replication-factor must be at least 1");
            }
            // more than the replicas would make every acks=all write fail: the intake would accept nothing
            if (minInsyncReplicas < 1 || minInsyncReplicas > replicationFactor) {
                throw new IllegalArgumentException(
                        "tracker.topics.min-insync-replicas must be from 1 to tracker.topics.replication-factor");
            }
        }

        NewTopic topic(String name, int partitions, Map<String, String> configs) {
            var all = new HashMap<>(configs);
            all.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(minInsyncReplicas));
            return new NewTopic(name, Optional.of(partitions), Optional.of((short) replicationFactor)).configs(all);
        }
    }

    /** Notifications for dashboards (the worker declares it too): of use for moments only, kept an hour. */
    @Bean
    NewTopic viewChangesTopic(TopicProperties properties) {
        return properties.topic(Topics.VIEW_CHANGES, 3,
                Map.of(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(Duration.ofHours(1).toMillis())));
    }

    @Bean
    KafkaAdmin.NewTopics eventTopics(TopicProperties properties) {
        return new KafkaAdmin.NewTopics(eventTopicList(properties).toArray(NewTopic[]::new));
    }

    /** The event topics as they are created; {@link KafkaAdmin.NewTopics} does not show its own. */
    static List<NewTopic> eventTopicList(TopicProperties properties) {
        return Topics.EVENT_TOPICS.stream()
                .map(topic -> properties.topic(topic, properties.partitions(), Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1")))
                .toList();
    }
}
