package org.peertracker.api.system;

import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.NewTopic;
import org.peertracker.events.Topics;
import org.peertracker.service.kafka.TopicSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/** Creates the event topics at start-up when missing; they keep events forever so views can be rebuilt. */
@Configuration(proxyBeanMethods = false)
class KafkaTopics {

    @Bean
    KafkaAdmin.NewTopics eventTopics(TopicSettings settings) {
        return new KafkaAdmin.NewTopics(eventTopicList(settings).toArray(NewTopic[]::new));
    }

    /** The event topics as they are created; {@link KafkaAdmin.NewTopics} does not show its own. */
    static List<NewTopic> eventTopicList(TopicSettings settings) {
        return Stream.concat(Topics.EVENT_TOPICS.stream(), Stream.of(Topics.ERASURES))
                .map(settings::keptForever)
                .toList();
    }
}
