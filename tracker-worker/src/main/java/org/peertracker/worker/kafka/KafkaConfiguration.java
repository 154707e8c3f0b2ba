package org.peertracker.worker.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.peertracker.events.Topics;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;

/** Consumers of the event topics, and the dead-letter topics with the handler that feeds them. */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

    @Bean
    ConsumerFactory<String, byte[]> projectionConsumerFactory(KafkaProperties kafka) {
        var props = kafka.buildConsumerProperties();
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** Notifications for dashboards: of use for moments only, so they are kept an hour. */
    @Bean
    NewTopic viewChangesTopic(TopicProperties topics) {
        return topics.topic(Topics.VIEW_CHANGES, 3,
                Map.of(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(Duration.ofHours(1).toMillis())));
    }

    @Bean
    KafkaAdmin.NewTopics deadLetterTopics(ProjectionProperties properties, TopicProperties topics) {
        return new KafkaAdmin.NewTopics(deadLetterTopicList(properties, topics).toArray(NewTopic[]::new));
    }

    /** The dead-letter topics as they are created; {@link KafkaAdmin.NewTopics} does not show its own. */
    static List<NewTopic> deadLetterTopicList(ProjectionProperties properties, TopicProperties topics) {
        return Topics.EVENT_TOPICS.stream()
                .map(topic -> topics.topic(Topics.deadLetter(topic), properties.partitions(),
                        Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1")))
                .toList();
    }
}
