package org.peertracker.api.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.Test;
import org.peertracker.events.Event;
import org.peertracker.testing.SampleEvents;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

class EventPublisherTest {

    static final Duration SHORT = Duration.ofMillis(200);

    @Test
    void reportsEachEventByWhetherKafkaAcknowledgedItInTime() {
        var kafka = new StubKafka(i -> switch (i) {
            case 0, 3 -> acknowledged();
            case 1 -> new CompletableFuture<>();
            default -> CompletableFuture.failedFuture(new KafkaException("not enough replicas"));
        });

        var acknowledged = new EventPublisher(kafka).publish(events(4), SHORT);

        assertThat(acknowledged).containsExactly(true, false, false, true);
    }

    @Test
    void reportsEveryEventAsNotAcknowledgedWhenTheDeadlineHasPassedBeforeAnyFailureIsKnown() {
        var kafka = new StubKafka(i -> acknowledged());

        var acknowledged = new EventPublisher(kafka).publish(events(3), Duration.ZERO);

        assertThat(acknowledged).containsExactly(false, false, false);
        assertThat(kafka.sent).isEmpty();
    }

    @Test
    void sendsNothingMoreOnceASendFindsNoBroker() {
        var kafka = new StubKafka(i -> {
            if (i == 1) {
                throw new KafkaException("topic metadata not present after 3000 ms");
            }
            return acknowledged();
        });

        var acknowledged = new EventPublisher(kafka).publish(events(3), SHORT);

        assertThat(acknowledged).containsExactly(true, false, false);
        assertThat(kafka.sent).hasSize(2);
    }

    private static CompletableFuture<SendResult<String, byte[]>> acknowledged() {
        return CompletableFuture.completedFuture(null);
    }

    private static List<Event> events(int count) {
        var events = new ArrayList<Event>();
        for (int i = 0; i < count; i++) {
            events.add(SampleEvents.event(
                    "org", "peer-1", Instant.now(), SampleEvents.anonymousContact("s-" + i, "oost", 1, false, null)));
        }
        return events;
    }

    /** A template whose sends go nowhere: the n-th send gets the future the test gives it, or its exception. */
    static final class StubKafka extends KafkaTemplate<String, byte[]> {

        final List<ProducerRecord<String, byte[]>> sent = new ArrayList<>();
        private final IntFunction<CompletableFuture<SendResult<String, byte[]>>> fate;

        StubKafka(IntFunction<CompletableFuture<SendResult<String, byte[]>>> fate) {
            super(() -> {
                throw new UnsupportedOperationException("the stub has no producer");
            });
            this.fate = fate;
        }

        @Override
        public CompletableFuture<SendResult<String, byte[]>> send(ProducerRecord<String, byte[]> record) {
            sent.add(record);
            return fate.apply(sent.size() - 1);
        }
    }
}
