package org.peertracker.load.bench;

import static org.peertracker.load.bench.Progress.progress;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.peertracker.load.LiveProbe;

/**
 * Step 3's measure at one rate: batches of 100 in the background at that rate, and probes of another organisation
 * timed from their 202 until the live stream says they are readable ({@link LiveProbe}).
 */
final class EndToEnd {

    private static final String PROBE_ORG = "bench-probe";

    private final Harness harness;

    EndToEnd(Harness harness) {
        this.harness = harness;
    }

    /** A fresh stack: warm the API's and the worker's JIT with the same load first. */
    void warmUp() throws Exception {
        var plan = harness.plan();
        progress(
                "3/5 end-to-end: warm-up, %d s of batches at %,d events/s",
                plan.warmupSeconds(), Plan.WARMUP_EVENTS_PER_SECOND / 3);
        harness.load(100, 16, plan.warmupSeconds(), Plan.WARMUP_EVENTS_PER_SECOND / 3);
        harness.kafka().awaitLiveCaughtUp();
    }

    /**
     * The latency at {@code percent} of {@code baseRate}, the sustained rate ({@code base} "sustained") or the
     * maximum intake ("max"); {@code target}: whether its p99 answers to the target of 500 ms.
     */
    void measure(String base, double baseRate, int percent, boolean target) throws Exception {
        var plan = harness.plan();
        var settings = harness.settings();
        var report = harness.report();
        int rate = (int) (baseRate * percent / 100);
        harness.kafka().awaitLiveCaughtUp();
        progress(
                "3/5 end-to-end at %d%% of the %s rate: %,d events/s in batches of 100 for %d s, %d probes/s",
                percent,
                base.equals("max") ? "maximum intake" : "sustained",
                rate,
                plan.endToEndSeconds(),
                plan.probesPerSecond());
        var background = CompletableFuture.supplyAsync(() -> {
            try {
                return harness.load(100, 32, plan.endToEndSeconds(), rate);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
        var profile = "end-to-end-" + percent + "-" + base;
        boolean profiling = percent == 50 && harness.profiles().start(profile, "api", "worker", "embedded-mongodb");
        var cpu = harness.processes().cpuUse();
        LiveProbe.Result probe;
        try {
            probe = new LiveProbe(settings.api(), PROBE_ORG, settings.probeToken())
                    .run(plan.probesPerSecond(), plan.endToEndSeconds() - 2, Duration.ofSeconds(15));
        } finally {
            var offered = background.join();
            progress(
                    "  background: %,.0f events/s accepted of %,d offered %s",
                    offered.eventsPerSecond(), rate, offered.statuses());
        }
        var cores = cpu.cores();
        progress("    cores used meanwhile: %s", cores);
        if (profiling) {
            harness.profiles().stop(profile, "api", "worker", "embedded-mongodb");
        }
        var micros = probe.latenciesMicros();
        double p50 = BenchReport.percentile(micros, 50) / 1000;
        double p99 = BenchReport.percentile(micros, 99) / 1000;
        double p999 = BenchReport.percentile(micros, 99.9) / 1000;
        progress(
                "  202 → view-change: p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms over %d probes (%d missing); "
                        + "read back %d of %d",
                p50,
                p99,
                p999,
                micros.length,
                probe.missing(),
                probe.confirmed(),
                probe.confirmed() + probe.confirmFailed());
        var details = new LinkedHashMap<String, Object>();
        details.put("offeredEventsPerSecond", rate);
        details.put("probesSent", probe.sent());
        details.put("probesAcknowledged", probe.acknowledged());
        details.put("samples", micros.length);
        details.put("missing", probe.missing());
        details.put("readBackOk", probe.confirmed());
        details.put("readBackFailed", probe.confirmFailed());
        details.put("coresUsed", cores);
        var load = "at " + percent + "% of " + (base.equals("max") ? "max intake" : "sustained") + " ("
                + String.format("%,d", rate) + " events/s)";
        var bound = probe.missing() > 0 ? " — at least: " + probe.missing() + " probes unseen after 15 s" : "";
        report.measured("3 end-to-end", "202 → readable " + load + ": p50" + bound, p50, "ms", details);
        if (target) {
            report.below("3 end-to-end", "202 → readable " + load + ": p99" + bound, p99, "ms", 500, Map.of());
        } else {
            report.measured("3 end-to-end", "202 → readable " + load + ": p99" + bound, p99, "ms", Map.of());
        }
        report.measured(
                "3 end-to-end",
                "202 → readable " + load + ": p99.9 (" + micros.length + " samples)" + bound,
                p999,
                "ms",
                Map.of());
        var polled = probe.readableMicros();
        var unreadable = probe.unreadable() > 0 ? ", " + probe.unreadable() + " not readable after 15 s" : "";
        progress(
                "  202 → GET answers 200 (every 10th probe, polled every 100 ms): p50 %.1f ms, p99 %.1f ms over "
                        + "%d probes%s",
                BenchReport.percentile(polled, 50) / 1000,
                BenchReport.percentile(polled, 99) / 1000,
                polled.length,
                unreadable);
        report.measured(
                "3 end-to-end",
                "202 → GET answers 200 " + load + ", polled every 100 ms: p50 (" + polled.length + " probes"
                        + unreadable + ")",
                BenchReport.percentile(polled, 50) / 1000,
                "ms",
                Map.of());
        report.measured(
                "3 end-to-end",
                "202 → GET answers 200 " + load + ", polled every 100 ms: p99",
                BenchReport.percentile(polled, 99) / 1000,
                "ms",
                Map.of());
    }
}
