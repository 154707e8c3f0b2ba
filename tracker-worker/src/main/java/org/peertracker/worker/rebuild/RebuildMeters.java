package org.peertracker.worker.rebuild;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.peertracker.views.ViewFamily;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Where each family's last rebuild stands, as gauges: {@code tracker.rebuild.progress{family}}, the share of its
 * events projected into the new generation (0 to 1; 1 once switched, and for a family never rebuilt), and
 * {@code tracker.rebuild.running{family}}, 1 while it runs. Read from the leases, as {@code /actuator/rebuilds} is,
 * so every instance reports the same rebuild whichever runs it; read when scraped, at most once per {@link #FRESH}.
 * A failed or abandoned rebuild stays at the share it reached, no longer running. Both read NaN while MongoDB cannot
 * be read.
 */
@Component
class RebuildMeters {

    static final String PROGRESS = "tracker.rebuild.progress";
    static final String RUNNING = "tracker.rebuild.running";
    static final Duration FRESH = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(RebuildMeters.class);

    private final Supplier<Map<String, RebuildProgress>> source;
    private final Duration fresh;
    private Map<String, RebuildProgress> progress;
    private long readAt;
    private boolean everRead;

    @Autowired
    RebuildMeters(MeterRegistry registry, Rebuilds rebuilds) {
        this(registry, rebuilds::progress, FRESH);
    }

    RebuildMeters(MeterRegistry registry, Supplier<Map<String, RebuildProgress>> source, Duration fresh) {
        this.source = source;
        this.fresh = fresh;
        for (var family : ViewFamily.values()) {
            Gauge.builder(PROGRESS, this, meters -> meters.progressOf(family.id()))
                    .tag("family", family.id())
                    .description("share of the family's events its last rebuild projected; 1 once switched")
                    .baseUnit("ratio")
                    .register(registry);
            Gauge.builder(RUNNING, this, meters -> meters.runningOf(family.id()))
                    .tag("family", family.id())
                    .description("1 while a rebuild of the family runs on any instance")
                    .register(registry);
        }
    }

    synchronized double progressOf(String family) {
        var read = read();
        return read == null ? Double.NaN : ratio(read.get(family));
    }

    synchronized double runningOf(String family) {
        var read = read();
        if (read == null) {
            return Double.NaN;
        }
        var last = read.get(family);
        return last != null && last.isActive() ? 1 : 0;
    }

    /** The share of its events a rebuild projected: all of them once it switched readers over. */
    static double ratio(RebuildProgress last) {
        if (last == null
                || last.status().equals(RebuildProgress.SWITCHING)
                || last.status().equals(RebuildProgress.DONE)) {
            return 1;
        }
        // until the rebuild has counted its events it has done none of them
        return last.eventsTotal() <= 0 ? 0 : Math.min(1, (double) last.eventsDone() / last.eventsTotal());
    }

    private Map<String, RebuildProgress> read() {
        long now = System.nanoTime();
        if (!everRead || now - readAt >= fresh.toNanos()) {
            try {
                progress = source.get();
            } catch (RuntimeException e) {
                log.debug("rebuild progress not read: {}", e.toString());
                progress = null;
            }
            readAt = now;
            everRead = true;
        }
        return progress;
    }
}
