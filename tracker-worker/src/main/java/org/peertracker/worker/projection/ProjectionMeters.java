package org.peertracker.worker.projection;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * What a family's listener reports: how long each batch's guarded write took (views, claims and positions, without
 * waiting out an outage), and how many events it applied (first records of their event; re-sends and redeliveries
 * are not counted). Tagged by family and by {@code live} or {@code rebuild}.
 */
public record ProjectionMeters(Timer batchWrites, Counter events) {

    public static final String BATCH_WRITES = "tracker.projection.batch.writes";
    public static final String EVENTS = "tracker.projection.events";

    public static ProjectionMeters of(MeterRegistry registry, String family, boolean live) {
        var kind = live ? "live" : "rebuild";
        return new ProjectionMeters(
                Timer.builder(BATCH_WRITES)
                        .description("a batch's guarded write: views, claims, positions")
                        .tag("family", family)
                        .tag("kind", kind)
                        .publishPercentileHistogram()
                        .register(registry),
                Counter.builder(EVENTS)
                        .description("events applied to the views")
                        .tag("family", family)
                        .tag("kind", kind)
                        .register(registry));
    }
}
