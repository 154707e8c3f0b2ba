package org.peertracker.api.intake;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.peertracker.events.Event;
import org.peertracker.events.EventCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes events to their topics, keyed by subject, and reports which ones Kafka acknowledged (acks=all,
 * idempotent producer) within the deadline. An event not acknowledged is reported as such, never as accepted. Each
 * record carries the request's trace context as a W3C {@code traceparent} header, so that the worker's batches can
 * be linked to the request; nothing else of it (no {@code tracestate}, no baggage: what a caller sends there is
 * theirs to put in, and is not ours to keep on the log).
 */
@Component
class EventPublisher {

    private static final Logger log = LoggerFactory.getLogger(EventPublisher.class);

    static final String TRACEPARENT = "traceparent";

    private final KafkaTemplate<String, byte[]> kafka;
    private final Tracer tracer;
    private final Propagator propagator;

    @Autowired
    EventPublisher(KafkaTemplate<String, byte[]> kafka, Tracer tracer, Propagator propagator) {
        this.kafka = kafka;
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** A publisher whose records carry no trace context. */
    EventPublisher(KafkaTemplate<String, byte[]> kafka) {
        this(kafka, Tracer.NOOP, Propagator.NOOP);
    }

    /** One flag per event, in order: true when Kafka acknowledged it. */
    List<Boolean> publish(List<Event> events, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        var sends = new ArrayList<CompletableFuture<?>>(events.size());
        RuntimeException unavailable = null;
        int unsent = 0;
        // worked out once for the request: every record of it carries the same header
        var trace = traceHeaders();
        for (var event : events) {
            if (unavailable != null || System.nanoTime() - deadline >= 0) {
                // a send that blocked out its max.block.ms means no broker: the rest would only wait as long; and
                // once the deadline has passed, nothing sent now could be acknowledged in time
                sends.add(null);
                unsent++;
                continue;
            }
            try {
                sends.add(kafka.send(
                        new ProducerRecord<>(event.topic(), null, event.key(), EventCodec.writeBytes(event), trace)));
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

    /** The current trace's {@code traceparent} as a record header; none when tracing is off or no trace is open. */
    private List<Header> traceHeaders() {
        var context = tracer.currentTraceContext().context();
        if (context == null) {
            return List.of();
        }
        var headers = new ArrayList<Header>(1);
        propagator.inject(context, headers, (carrier, key, value) -> {
            if (TRACEPARENT.equals(key)) {
                carrier.add(new RecordHeader(key, value.getBytes(StandardCharsets.UTF_8)));
            }
        });
        return headers;
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
