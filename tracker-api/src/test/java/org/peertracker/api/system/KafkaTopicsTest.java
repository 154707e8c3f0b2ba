package org.peertracker.api.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.peertracker.events.Topics;
import org.peertracker.service.kafka.TopicSettings;

class KafkaTopicsTest {

    @Test
    void createsTheEventTopicsAndTheErasuresTopicKeptForeverWithTheConfiguredSettings() {
        var settings = new TopicSettings(6, 3, 2);

        var expected = new ArrayList<>(Topics.EVENT_TOPICS);
        expected.add(Topics.ERASURES);
        assertThat(KafkaTopics.eventTopicList(settings))
                .containsExactlyInAnyOrderElementsOf(
                        expected.stream().map(settings::keptForever).toList());
    }
}
