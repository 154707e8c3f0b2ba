package org.peertracker.worker.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the topics the worker creates at start-up are made: the same settings as tracker-api's for its topics.
 *
 * @param replicationFactor copies of each partition, on as many brokers
 * @param minInsyncReplicas copies that must hold a record before the broker acknowledges it ({@code acks=all});
 *                          with 3 and 2 a broker may fail without losing an acknowledged record or refusing writes
 */
@ConfigurationProperties("tracker.topics")
record TopicProperties(
        @DefaultValue("3") int replicationFactor,
        @DefaultValue("2") int minInsyncReplicas) {

    TopicProperties {
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("tracker.topics.replication-factor must be at least 1");
        }
        // more than the replicas would make every acks=all write fail: no dead letter could be published
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
