package org.peertracker.service.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the topics the services create at start-up are made: the API the event topics, the worker the dead-letter
 * topics, both the view-changes topic. Topics that exist are left as they are.
 *
 * @param partitions        partitions of each event and dead-letter topic
 * @param replicationFactor copies of each partition, on as many brokers
 * @param minInsyncReplicas copies that must hold a record before the broker acknowledges it ({@code acks=all});
 *                          with 3 and 2 a broker may fail without losing an acknowledged record or refusing writes
 */
@ConfigurationProperties("tracker.topics")
public record TopicSettings(
        @DefaultValue("6") int partitions,
        @DefaultValue("3") int replicationFactor,
        @DefaultValue("2") int minInsyncReplicas) {

    public TopicSettings {
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("tracker.topics.replication-factor must be at least 1");
        }
        // more than the replicas would make every acks=all write fail: nothing could be published
        if (minInsyncReplicas < 1 || minInsyncReplicas > replicationFactor) {
            throw new IllegalArgumentException(
                    "tracker.topics.min-insync-replicas must be from 1 to tracker.topics.replication-factor");
        }
    }

    /** A topic of these settings, of the configured partitions, whose records are kept forever (events, dead letters). */
    public NewTopic keptForever(String name) {
        return topic(name, partitions, Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1"));
    }

    /** A topic of these settings. */
    public NewTopic topic(String name, int partitions, Map<String, String> configs) {
        var all = new HashMap<>(configs);
        all.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(minInsyncReplicas));
        return new NewTopic(name, Optional.of(partitions), Optional.of((short) replicationFactor)).configs(all);
    }
}
