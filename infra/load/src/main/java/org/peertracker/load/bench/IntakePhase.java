package org.peertracker.load.bench;

import static org.peertracker.load.bench.Progress.progress;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.peertracker.events.EventCodec;
import org.peertracker.events.Topics;
import org.peertracker.load.IntakeLoad;

/**
 * Step 1, intake: {@code POST /events} at its maximum and at half of it, in batches and one event at a time, beside
 * Kafka's producer perf tool writing records of the same size to a topic like the intake's.
 */
final class IntakePhase {

    private final Harness harness;

    IntakePhase(Harness harness) {
        this.harness = harness;
    }

    /** Returns the maximum intake in events/s (batches of 100), the base of step 3. */
    double measure() throws Exception {
        var plan = harness.plan();
        var report = harness.report();
        var processes = harness.processes();
        var kafka = harness.kafka();
        var bootstrap = harness.settings().kafka();
        var outreach = kafka.describe(Topics.OUTREACH);
        int partitions = outreach.partitions().size();
        // as many copies as the intake's topic (tracker.topics.replication-factor), so that both wait for the same acks
        short replicas = (short) outreach.partitions().getFirst().replicas().size();
        int recordSize = publishedRecordSize();
        progress(
                "1/5 intake: reference first, on an idle system: ProducerPerformance, %,d records of %d B to %s (%d partitions, %d replicas)",
                plan.perfRecords(), recordSize, ProducerPerformance.TOPIC, partitions, replicas);
        kafka.createTopic(ProducerPerformance.TOPIC, partitions, replicas);
        var perfCpu = processes.cpuUse();
        var perfMax = ProducerPerformance.run(bootstrap, plan.perfRecords(), recordSize, -1);
        var perfCores = perfCpu.cores();
        progress(
                "  ProducerPerformance: %,.0f records/s, p50 %.0f ms, p99 %.0f ms",
                perfMax.recordsPerSecond(), perfMax.p50Ms(), perfMax.p99Ms());
        progress("    cores used meanwhile: %s", perfCores);
        report.note("cores used during ProducerPerformance, max", perfCores);

        progress(
                "  warm-up of the API: %d s of batches at %,d events/s",
                plan.warmupSeconds(), Plan.WARMUP_EVENTS_PER_SECOND);
        harness.load(100, 16, plan.warmupSeconds(), Plan.WARMUP_EVENTS_PER_SECOND);
        var cpu = processes.cpuUse();
        var batches = harness.load(100, 8, plan.intakeSeconds(), 0);
        var batchesCpu = cpu.cores();
        progress(
                "  POST /events, batches of 100, 8 clients: %,.0f events/s, p50 %.1f ms, p99 %.1f ms %s",
                batches.eventsPerSecond(), batches.p50Millis(), batches.p99Millis(), batches.statuses());
        progress("    cores used meanwhile: %s", batchesCpu);
        report.note("cores used during the intake of batches, max", batchesCpu);
        var singles = harness.load(1, 32, plan.singleSeconds(), 0);
        progress(
                "  POST /events, single events, 32 clients: %,.0f events/s, p50 %.1f ms, p99 %.1f ms %s",
                singles.eventsPerSecond(), singles.p50Millis(), singles.p99Millis(), singles.statuses());

        int batchRate = (int) (batches.eventsPerSecond() / 2);
        var fixedBatches = harness.load(100, 32, plan.fixedSeconds(), batchRate);
        progress(
                "  batches of 100 offered at %,d events/s (50%% of max): p50 %.1f ms, p99 %.1f ms %s",
                batchRate, fixedBatches.p50Millis(), fixedBatches.p99Millis(), fixedBatches.statuses());
        int singleRate = Math.max(1, (int) (singles.eventsPerSecond() / 2));
        var fixedSingles = harness.load(1, 64, plan.fixedSeconds(), singleRate);
        progress(
                "  single events offered at %,d events/s (50%% of max): p50 %.1f ms, p99 %.1f ms %s",
                singleRate, fixedSingles.p50Millis(), fixedSingles.p99Millis(), fixedSingles.statuses());
        var perfFixed = ProducerPerformance.run(
                bootstrap, Math.max(10_000L, (long) batchRate * plan.fixedSeconds()), recordSize, batchRate);
        progress(
                "  ProducerPerformance at %,d records/s: p50 %.0f ms, p99 %.0f ms",
                batchRate, perfFixed.p50Ms(), perfFixed.p99Ms());
        kafka.deleteTopic(ProducerPerformance.TOPIC);

        IntakeLoad.Result alone = null;
        if (processes.pauseWorker()) {
            // the machine's cores are shared with the projection, which works while the intake is measured
            var pausedCpu = processes.cpuUse();
            try {
                // short: the worker's consumers must be back before their session times out (45 s)
                alone = harness.load(100, 8, Math.min(5, plan.intakeSeconds()), 0);
            } finally {
                processes.resumeWorker();
            }
            var aloneCpu = pausedCpu.cores();
            progress(
                    "  the same batches with the worker paused (SIGSTOP): %,.0f events/s, p50 %.1f ms, p99 %.1f ms",
                    alone.eventsPerSecond(), alone.p50Millis(), alone.p99Millis());
            progress("    cores used meanwhile: %s", aloneCpu);
            report.note("cores used during the intake of batches with the worker paused", aloneCpu);
        }
        // once more with the worker running, now that the API's JIT has had minutes of this load: tells contention
        // from warm-up; profiled when profiles are on
        boolean profiling = harness.profiles().start("intake", "api", "worker");
        var again = harness.load(100, 8, Math.min(10, plan.intakeSeconds()), 0);
        if (profiling) {
            harness.profiles().stop("intake", "api", "worker");
        }
        progress(
                "  the same batches again with the worker running, %s: %,.0f events/s, p50 %.1f ms, p99 %.1f ms",
                profiling ? "profiled" : "not profiled", again.eventsPerSecond(), again.p50Millis(), again.p99Millis());

        var privacy = privacyCost(batchRate);

        var reference = "ProducerPerformance (acks=all, idempotent, linger.ms=5, " + recordSize + " B)";
        var batchesDetails = details(batches, perfMax);
        batchesDetails.put("coresUsed", batchesCpu);
        batchesDetails.put("referenceCoresUsed", perfCores);
        report.against(
                "1 intake",
                "POST /events, batches of 100, 8 clients, max",
                batches.eventsPerSecond(),
                "events/s",
                reference,
                perfMax.recordsPerSecond(),
                0.5,
                batchesDetails);
        if (alone != null) {
            report.against(
                    "1 intake",
                    "… the same with the worker paused (SIGSTOP), to see the cost of sharing 2 cores",
                    alone.eventsPerSecond(),
                    "events/s",
                    reference,
                    perfMax.recordsPerSecond(),
                    0,
                    details(alone, null));
        }
        report.against(
                "1 intake",
                "… the same again at the end of step 1 (JIT warm, worker running" + (profiling ? ", profiled" : "")
                        + ")",
                again.eventsPerSecond(),
                "events/s",
                reference,
                perfMax.recordsPerSecond(),
                0,
                details(again, null));
        report.against(
                "1 intake",
                "POST /events, single events, 32 clients, max",
                singles.eventsPerSecond(),
                "events/s",
                reference,
                perfMax.recordsPerSecond(),
                0,
                details(singles, perfMax));
        report.against(
                "1 intake",
                "batches of 100 at 50% of max (" + batchRate + " events/s): p50",
                fixedBatches.p50Millis(),
                "ms",
                "ProducerPerformance at the same rate: p50",
                perfFixed.p50Ms(),
                0,
                details(fixedBatches, perfFixed));
        report.against(
                "1 intake",
                "batches of 100 at 50% of max: p99",
                fixedBatches.p99Millis(),
                "ms",
                "ProducerPerformance at the same rate: p99",
                perfFixed.p99Ms(),
                0,
                Map.of());
        report.measured(
                "1 intake",
                "single events at 50% of max (" + singleRate + " events/s): p50",
                fixedSingles.p50Millis(),
                "ms",
                details(fixedSingles, null));
        report.measured("1 intake", "single events at 50% of max: p99", fixedSingles.p99Millis(), "ms", Map.of());
        privacy.report(report, batchRate);
        return batches.eventsPerSecond();
    }

    /** What the privacy mix costs: its medians beside the anonymous batches', runs interleaved. */
    private record PrivacyCost(
            List<Double> anonymous,
            List<Double> mixed,
            IntakeLoad.Result anonymousAtRate,
            IntakeLoad.Result mixedAtRate) {

        static double median(List<Double> values) {
            var sorted = values.stream().sorted().toList();
            return sorted.get(sorted.size() / 2);
        }

        void report(BenchReport report, int batchRate) {
            var spread = new LinkedHashMap<String, Object>();
            spread.put("runs", anonymous.size());
            spread.put("anonymous", anonymous);
            spread.put("privacy mix", mixed);
            report.against(
                    "1 intake",
                    "batches of 100, 20% contacts with a client code, 2% signals with a text: median of " + mixed.size()
                            + " interleaved runs",
                    median(mixed),
                    "events/s",
                    "the same batches all anonymous, median of " + anonymous.size(),
                    median(anonymous),
                    0.95,
                    spread);
            report.against(
                    "1 intake",
                    "… the privacy mix at " + batchRate + " events/s: p99",
                    mixedAtRate.p99Millis(),
                    "ms",
                    "all anonymous at the same rate: p99",
                    anonymousAtRate.p99Millis(),
                    0,
                    Map.of(
                            "p50", mixedAtRate.p50Millis(),
                            "anonymous p50", anonymousAtRate.p50Millis(),
                            "difference of p99, ms", mixedAtRate.p99Millis() - anonymousAtRate.p99Millis()));
        }
    }

    /**
     * The pseudonym table and the sealed texts against the same load without them: after one run of the mix that is
     * not counted (the pool's clients are new then: their rows are made; in the field most contacts are with clients
     * seen before), five runs of each, interleaved (anonymous, mix, anonymous, …) so that drift of the machine falls
     * on both, then one of each at a fixed rate.
     */
    private static final int RUNS = 5;

    private PrivacyCost privacyCost(int batchRate) throws InterruptedException {
        var anonymous = new ArrayList<Double>();
        var mixed = new ArrayList<Double>();
        var plan = harness.plan();
        int seconds = Math.min(10, plan.intakeSeconds());
        var firstSeen = harness.load(100, 8, seconds, 0, IntakeLoad.Options.PRIVACY);
        progress(
                "  privacy mix, first run (the pool's 5,000 clients new, their rows made): %,.0f events/s",
                firstSeen.eventsPerSecond());
        for (int run = 0; run < RUNS; run++) {
            anonymous.add(harness.load(100, 8, seconds, 0).eventsPerSecond());
            mixed.add(
                    harness.load(100, 8, seconds, 0, IntakeLoad.Options.PRIVACY).eventsPerSecond());
        }
        var anonymousAtRate = harness.load(100, 32, plan.fixedSeconds(), batchRate);
        var mixedAtRate = harness.load(100, 32, plan.fixedSeconds(), batchRate, IntakeLoad.Options.PRIVACY);
        progress(
                "  privacy mix (20%% known clients, 2%% texts) against all anonymous, " + RUNS
                        + " runs each: %s against %s events/s;" + " at %,d events/s p99 %.1f against %.1f ms",
                mixed,
                anonymous,
                batchRate,
                mixedAtRate.p99Millis(),
                anonymousAtRate.p99Millis());
        return new PrivacyCost(anonymous, mixed, anonymousAtRate, mixedAtRate);
    }

    /** The mean size of a contact as the intake publishes it, the record size of the reference. */
    private static int publishedRecordSize() {
        long bytes = 0;
        for (int i = 0; i < 1000; i++) {
            bytes += EventCodec.writeBytes(IntakeLoad.contact(Harness.LOAD_ORG, "sess-" + i % 50)
                            .withReceivedAt(Instant.now()))
                    .length;
        }
        return (int) (bytes / 1000);
    }

    private static Map<String, Object> details(IntakeLoad.Result load, ProducerPerformance.Summary perf) {
        var details = new LinkedHashMap<String, Object>();
        details.put("run", load);
        if (perf != null) {
            details.put("reference", perf);
        }
        return details;
    }
}
