package org.peertracker.service.kafka;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.peertracker.events.Topics;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;

/** Kafka as both services use it: the topics' settings, the view-changes topic and Kafka's health ({@code kafka}). */
@AutoConfiguration
@EnableConfigurationProperties(TopicSettings.class)
public class KafkaSupport {

    /** Notifications for dashboards, which the worker publishes and every API reads: of use for moments, kept an hour. */
    @Bean
    NewTopic viewChangesTopic(TopicSettings settings) {
        return settings.topic(
                Topics.VIEW_CHANGES,
                3,
                Map.of(
                        TopicConfig.RETENTION_MS_CONFIG,
                        String.valueOf(Duration.ofHours(1).toMillis())));
    }

    @Bean
    KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin) {
        return new KafkaHealthIndicator(kafkaAdmin);
    }
}
