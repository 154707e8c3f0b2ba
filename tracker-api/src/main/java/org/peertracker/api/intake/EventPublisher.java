package org.peertracker.api.intake;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.peertracker.events.Event;
import org.peertracker.events.EventCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes events to their topics, keyed by subject, and reports which ones Kafka acknowledged (acks=all,
 * idempotent producer) within the deadline. An event not acknowledged is reported as such, never as accepted.
 */
@Component
class EventPublisher {

    private static final Logger log = LoggerFactory.getLogger(EventPublisher.class);

    private final KafkaTemplate<String, byte[]> kafka;

    EventPublisher(KafkaTemplate<String, byte[]> kafka) {
        this.kafka = kafka;
    }

    /** One flag per event, in order: true when Kafka acknowledged it. */
    List<Boolean> publish(List<Event> events, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        var sends = new ArrayList<CompletableFuture<?>>(events.size());
        RuntimeException unavailable = null;
        int unsent = 0;
        for (var event : events) {
            if (unavailable != null || System.nanoTime() - deadline >= 0) {
                // a send that blocked out its max.block.ms means no broker: the rest would only wait as long; and
                // once the deadline has passed, nothing sent now could be acknowledged in time
                sends.add(null);
                unsent++;
                continue;
            }
            try {
                sends.add(kafka.send(new ProducerRecord<>(event.topic(), event.key(), EventCodec.writeBytes(event))));
            } catch (RuntimeException e) {
                unavailable = e;
                sends.add(CompletableFuture.failedFuture(e));
            }
        }
        if (unsent > 0) {
            log.warn(
                    "{} event(s) not sent: {}",
                    unsent,
                    unavailable != null ? "Kafka is unavailable" : "the publish deadline had passed");
        }
        var acknowledged = new ArrayList<Boolean>(events.size());
        for (var send : sends) {
            acknowledged.add(send != null && awaitAck(send, deadline));
        }
        return acknowledged;
    }

    private static boolean awaitAck(CompletableFuture<?> send, long deadline) {
        try {
            send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return true;
        } catch (ExecutionException | TimeoutException | CancellationException e) {
            log.warn("Kafka did not acknowledge an event: {}", e.getClass().getSimpleName());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
