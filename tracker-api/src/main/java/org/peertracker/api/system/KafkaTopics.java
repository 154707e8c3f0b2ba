package org.peertracker.api.system;

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

    /** @param partitions partitions of each event topic created at start-up */
    @ConfigurationProperties("tracker.topics")
    record TopicProperties(@DefaultValue("6") int partitions) {
    }

    /** Notifications for dashboards (the worker declares it too): of use for moments only, kept an hour. */
    @Bean
    NewTopic viewChangesTopic() {
        return new NewTopic(Topics.VIEW_CHANGES, Optional.of(3), Optional.empty())
                .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(java.time.Duration.ofHours(1).toMillis())));
    }

    @Bean
    KafkaAdmin.NewTopics eventTopics(TopicProperties properties) {
        return new KafkaAdmin.NewTopics(Topics.EVENT_TOPICS.stream()
                .map(topic -> new NewTopic(topic, Optional.of(properties.partitions()), Optional.empty())
                        .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1")))
                .toArray(NewTopic[]::new));
    }
}
