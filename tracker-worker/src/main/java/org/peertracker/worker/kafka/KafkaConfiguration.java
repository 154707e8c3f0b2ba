package org.peertracker.worker.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.peertracker.events.Topics;
import org.peertracker.service.kafka.TopicSettings;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.MicrometerConsumerListener;

/** Consumers of the event topics, and the dead-letter topics with the handler that feeds them. */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

    @Bean
    ConsumerFactory<String, byte[]> projectionConsumerFactory(KafkaProperties kafka, MeterRegistry registry) {
        var props = kafka.buildConsumerProperties();
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        var factory = new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        // the Kafka clients' own metrics (records consumed, fetch rates, lag per partition) as meters
        factory.addListener(new MicrometerConsumerListener<>(registry));
        return factory;
    }

    /** The erasure notices' consumers: records as bytes, as the projections read them. */
    @Bean
    ConcurrentKafkaListenerContainerFactory<String, byte[]> erasureListenerFactory(
            ConsumerFactory<String, byte[]> projectionConsumerFactory) {
        var factory = new ConcurrentKafkaListenerContainerFactory<String, byte[]>();
        factory.setConsumerFactory(projectionConsumerFactory);
        return factory;
    }

    /** The erasure notices' topic, made by whichever service starts first; kept forever, as the events. */
    @Bean
    KafkaAdmin.NewTopics erasureTopic(TopicSettings topics) {
        return new KafkaAdmin.NewTopics(topics.keptForever(Topics.ERASURES));
    }

    @Bean
    KafkaAdmin.NewTopics deadLetterTopics(TopicSettings topics) {
        return new KafkaAdmin.NewTopics(deadLetterTopicList(topics).toArray(NewTopic[]::new));
    }

    /** The dead-letter topics as they are created, kept forever; {@link KafkaAdmin.NewTopics} does not show its own. */
    static List<NewTopic> deadLetterTopicList(TopicSettings topics) {
        return Topics.EVENT_TOPICS.stream()
                .map(topic -> topics.keptForever(Topics.deadLetter(topic)))
                .toList();
    }
}
