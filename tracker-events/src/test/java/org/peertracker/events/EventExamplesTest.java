package org.peertracker.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EventExamplesTest {

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyTypeHasAnExampleThatTheIntakeWouldAccept(EventType type) {
        var example = EventCodec.mapper().readTree(EventExamples.of(type));

        assertThat(EventSchemas.validate(example)).isEmpty();
        assertThat(EventCodec.read(example).eventType()).isEqualTo(type);
        assertThat(example.has("receivedAt")).isFalse();
        assertThat(example.path("payload").has("clientRef")).isFalse();
    }
}
