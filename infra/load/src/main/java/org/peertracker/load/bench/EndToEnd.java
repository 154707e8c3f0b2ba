package org.peertracker.load.bench;

import static org.peertracker.load.bench.Progress.progress;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.ToDoubleFunction;
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
     * maximum intake ("max"), measured {@link Plan#repeats()} times, each run from a caught-up projection; the report
     * gives each percentile's median over the runs. {@code p99Limit}: the p99's target in ms, 0 for none.
     */
    void measure(String base, double baseRate, int percent, double p99Limit) throws Exception {
        var plan = harness.plan();
        var report = harness.report();
        int rate = (int) (baseRate * percent / 100);
        var runs = new ArrayList<Probed>();
        for (int run = 0; run < plan.repeats(); run++) {
            runs.add(probe(base, rate, percent, run == 0 && percent == 50));
        }
        long missing = runs.stream().mapToLong(Probed::missing).sum();
        long unreadable = runs.stream().mapToLong(Probed::unreadable).sum();
        int samples = runs.stream().mapToInt(Probed::samples).sum();
        var load = "at " + percent + "% of " + (base.equals("max") ? "max intake" : "sustained") + " ("
                + String.format("%,d", rate) + " events/s)";
        var bound = missing > 0 ? " — at least: " + missing + " probes unseen after 15 s" : "";
        var p99 = of(runs, Probed::p99);
        report.measured(
                "3 end-to-end",
                "202 → readable " + load + ": p50" + bound,
                of(runs, Probed::p50),
                "ms",
                Map.of("probeRuns", runs.stream().map(Probed::details).toList()));
        if (p99Limit > 0) {
            report.below(
                    "3 end-to-end",
                    "202 → readable " + load + ": p99 (" + p99.label() + ")" + bound,
                    p99.median(),
                    "ms",
                    p99Limit,
                    Map.of("runs", p99.details()));
        } else {
            report.measured("3 end-to-end", "202 → readable " + load + ": p99" + bound, p99, "ms", Map.of());
        }
        report.measured(
                "3 end-to-end",
                "202 → readable " + load + ": p99.9 (" + samples + " samples in all)" + bound,
                of(runs, Probed::p999),
                "ms",
                Map.of());
        var unread = unreadable > 0 ? ", " + unreadable + " not readable after 15 s" : "";
        report.measured(
                "3 end-to-end",
                "202 → GET answers 200 " + load + ", polled every 100 ms: p50" + unread,
                of(runs, Probed::polledP50),
                "ms",
                Map.of());
        report.measured(
                "3 end-to-end",
                "202 → GET answers 200 " + load + ", polled every 100 ms: p99",
                of(runs, Probed::polledP99),
                "ms",
                Map.of());
    }

    private static Runs of(List<Probed> runs, ToDoubleFunction<Probed> figure) {
        return new Runs(runs.stream().mapToDouble(figure).boxed().toList());
    }

    /** One run's probes: latencies in ms, and what the report keeps of it. */
    private record Probed(
            double p50,
            double p99,
            double p999,
            int samples,
            long missing,
            double polledP50,
            double polledP99,
            long unreadable,
            Map<String, Object> details) {}

    /** Batches at {@code rate} in the background and probes timed from their 202 to readable, once. */
    private Probed probe(String base, int rate, int percent, boolean profile) throws Exception {
        var plan = harness.plan();
        var settings = harness.settings();
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
        var profileName = "end-to-end-" + percent + "-" + base;
        boolean profiling = profile && harness.profiles().start(profileName, "api", "worker", "embedded-mongodb");
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
            harness.profiles().stop(profileName, "api", "worker", "embedded-mongodb");
        }
        var micros = probe.latenciesMicros();
        double p50 = BenchReport.percentile(micros, 50) / 1000;
        double p99 = BenchReport.percentile(micros, 99) / 1000;
        double p999 = BenchReport.percentile(micros, 99.9) / 1000;
        var polled = probe.readableMicros();
        double polledP50 = BenchReport.percentile(polled, 50) / 1000;
        double polledP99 = BenchReport.percentile(polled, 99) / 1000;
        progress(
                "  202 → view-change: p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms over %d probes (%d missing); "
                        + "read back %d of %d; 202 → GET answers 200 (every 10th probe, polled every 100 ms): "
                        + "p50 %.1f ms, p99 %.1f ms over %d probes (%d not readable after 15 s)",
                p50,
                p99,
                p999,
                micros.length,
                probe.missing(),
                probe.confirmed(),
                probe.confirmed() + probe.confirmFailed(),
                polledP50,
                polledP99,
                polled.length,
                probe.unreadable());
        var details = new LinkedHashMap<String, Object>();
        details.put("offeredEventsPerSecond", rate);
        details.put("probesSent", probe.sent());
        details.put("probesAcknowledged", probe.acknowledged());
        details.put("samples", micros.length);
        details.put("missing", probe.missing());
        details.put("readBackOk", probe.confirmed());
        details.put("readBackFailed", probe.confirmFailed());
        details.put("coresUsed", cores);
        details.put("p50", BenchReport.round(p50));
        details.put("p99", BenchReport.round(p99));
        return new Probed(
                p50, p99, p999, micros.length, probe.missing(), polledP50, polledP99, probe.unreadable(), details);
    }
}
