package org.peertracker.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.peertracker.events.Topics;
import org.peertracker.service.kafka.TopicSettings;

class KafkaConfigurationTest {

    @Test
    void createsADeadLetterTopicOfEachEventTopicKeptForeverWithTheConfiguredSettings() {
        var settings = new TopicSettings(6, 3, 2);

        assertThat(KafkaConfiguration.deadLetterTopicList(settings))
                .containsExactlyInAnyOrderElementsOf(Topics.EVENT_TOPICS.stream()
                        .map(topic -> settings.keptForever(Topics.deadLetter(topic)))
                        .toList());
    }
}
