package org.peertracker.worker.projection;

import io.micrometer.tracing.Link;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * One span per batch a family's listener writes, linked to the trace of each record's request (the {@code traceparent}
 * header the intake put on it): Spring Kafka's observation covers record listeners only, and a batch holds the records
 * of many requests, so the batch is no request's child but a span of its own that points to them.
 */
@Component
public final class BatchTraces {

    /** No spans, no links: for listeners made outside the application (tests). */
    public static final BatchTraces NONE = new BatchTraces(Tracer.NOOP, TextMapPropagator.noop());

    public static final String SPAN = "projection batch";

    /** As many as OpenTelemetry keeps on a span by default; a batch of one request's events needs one. */
    static final int MAX_LINKS = 128;

    private static final TextMapGetter<ConsumerRecord<?, ?>> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(ConsumerRecord<?, ?> record) {
            return StreamSupport.stream(record.headers().spliterator(), false)
                    .map(h -> h.key())
                    .toList();
        }

        @Override
        public String get(ConsumerRecord<?, ?> record, String key) {
            var header = record == null ? null : record.headers().lastHeader(key);
            return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }
    };

    private final Tracer tracer;
    private final TextMapPropagator propagator;

    /** The propagators as configured: none when {@code management.tracing.export.enabled=false}. */
    @Autowired
    BatchTraces(Tracer tracer, ContextPropagators propagators) {
        this(tracer, propagators.getTextMapPropagator());
    }

    BatchTraces(Tracer tracer, TextMapPropagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** Starts the batch's span, linked to the distinct traces its records carry; the caller ends it. */
    Span start(ProjectionTarget target, boolean live, List<? extends ConsumerRecord<?, ?>> records) {
        var builder = tracer.spanBuilder()
                .name(SPAN)
                .kind(Span.Kind.CONSUMER)
                .tag("family", target.family())
                .tag("generation", target.generation())
                .tag("kind", live ? "live" : "rebuild")
                .tag("records", records.size());
        var traces = new LinkedHashSet<SpanContext>();
        for (var record : records) {
            var context = contextOf(record);
            if (context.isValid() && traces.size() < MAX_LINKS) {
                traces.add(context);
            }
        }
        for (var trace : traces) {
            builder.addLink(new Link(tracer.traceContextBuilder()
                    .traceId(trace.getTraceId())
                    .spanId(trace.getSpanId())
                    .sampled(trace.isSampled())
                    .build()));
        }
        return builder.start();
    }

    /** The trace id a record carries, for a log line about it; "none" without one. */
    String traceIdOf(ConsumerRecord<?, ?> record) {
        var context = contextOf(record);
        return context.isValid() ? context.getTraceId() : "none";
    }

    Tracer tracer() {
        return tracer;
    }

    private SpanContext contextOf(ConsumerRecord<?, ?> record) {
        return io.opentelemetry.api.trace.Span.fromContext(propagator.extract(Context.root(), record, HEADERS))
                .getSpanContext();
    }
}
