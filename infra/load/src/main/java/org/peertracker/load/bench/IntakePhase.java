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

    /** What the privacy part's figures say, and no other figure of step 1 does. */
    static final String PRIVACY_MIX = "privacy mix";

    private final Harness harness;

    IntakePhase(Harness harness) {
        this.harness = harness;
    }

    /** Returns the maximum intake in events/s (batches of 100, the median of its runs), the base of step 3. */
    double measure() throws Exception {
        var plan = harness.plan();
        var report = harness.report();
        var processes = harness.processes();
        var kafka = harness.kafka();
        var bootstrap = harness.settings().kafka();
        int repeats = plan.repeats();
        var outreach = kafka.describe(Topics.OUTREACH);
        int partitions = outreach.partitions().size();
        // as many copies as the intake's topic (tracker.topics.replication-factor), so that both wait for the same acks
        short replicas = (short) outreach.partitions().getFirst().replicas().size();
        int recordSize = publishedRecordSize();
        progress(
                "1/5 intake: reference first, on an idle system: ProducerPerformance ×%d, %,d records of %d B to %s (%d partitions, %d replicas)",
                repeats, plan.perfRecords(), recordSize, ProducerPerformance.TOPIC, partitions, replicas);
        kafka.createTopic(ProducerPerformance.TOPIC, partitions, replicas);
        // each run is a JVM of its own, but the broker warms as the API does (its JIT, its log segments): runs until
        // three in a row agree, not counted (on 2026-12-07 one uncounted run left the reference climbing 159k -> 203k)
        var perfWarmup = Runs.warmUntilStable(
                "ProducerPerformance",
                plan.warmupRounds() / 2,
                () -> ProducerPerformance.run(bootstrap, plan.perfRecords(), recordSize, -1)
                        .recordsPerSecond());
        progress("  ProducerPerformance warm-up %s", perfWarmup.describe());
        report.note("warm-up of the reference (ProducerPerformance, records/s per round)", perfWarmup.details());
        var perfCpu = processes.cpuUse();
        var perfRuns = new ArrayList<ProducerPerformance.Summary>();
        var perfMax = Runs.of(repeats, () -> {
            var run = ProducerPerformance.run(bootstrap, plan.perfRecords(), recordSize, -1);
            perfRuns.add(run);
            progress(
                    "  ProducerPerformance: %,.0f records/s, p50 %.0f ms, p99 %.0f ms",
                    run.recordsPerSecond(), run.p50Ms(), run.p99Ms());
            return run.recordsPerSecond();
        });
        var perfCores = perfCpu.cores();
        progress("    cores used meanwhile: %s", perfCores);
        report.note("cores used during ProducerPerformance, max", perfCores);

        // rounds as long as the measured runs, so that three agreeing span a minute: on 2026-12-07 three rounds of
        // 10 s agreed, and the same load ran 1.38 times as fast at the end of the step
        progress(
                "  warm-up of the API: rounds of %d s of batches of 100 until %d in a row lie within %.0f%%",
                plan.intakeSeconds(), Runs.STABLE_WINDOW, Runs.STABLE_SPREAD * 100);
        var warmup = Runs.warmUntilStable(
                "batches",
                plan.warmupRounds() / 2,
                () -> harness.load(100, 8, plan.intakeSeconds(), 0).eventsPerSecond());
        progress("  warm-up %s", warmup.describe());
        report.note("warm-up of the intake (batches of 100, events/s per round)", warmup.details());
        var cpu = processes.cpuUse();
        var batchRuns = new ArrayList<IntakeLoad.Result>();
        var batches = Runs.of(
                repeats,
                () -> measured(
                                batchRuns,
                                harness.load(100, 8, plan.intakeSeconds(), 0),
                                "POST /events, batches of 100, 8 clients")
                        .eventsPerSecond());
        var batchesCpu = cpu.cores();
        progress("    cores used meanwhile: %s", batchesCpu);
        report.note("cores used during the intake of batches, max", batchesCpu);

        var singlesWarmup = Runs.warmUntilStable(
                "single events",
                plan.warmupRounds() / 2,
                () -> harness.load(1, 32, Math.max(3, plan.warmupRoundSeconds() / 2), 0)
                        .eventsPerSecond());
        progress("  warm-up of single events %s", singlesWarmup.describe());
        report.note("warm-up of the intake (single events, events/s per round)", singlesWarmup.details());
        var singleRuns = new ArrayList<IntakeLoad.Result>();
        var singles = Runs.of(
                repeats,
                () -> measured(
                                singleRuns,
                                harness.load(1, 32, plan.singleSeconds(), 0),
                                "POST /events, single events, 32 clients")
                        .eventsPerSecond());

        int batchRate = (int) (batches.median() / 2);
        var fixedBatchRuns = new ArrayList<IntakeLoad.Result>();
        var fixedBatches = Runs.of(
                repeats,
                () -> measured(
                                fixedBatchRuns,
                                harness.load(100, 32, plan.fixedSeconds(), batchRate),
                                "batches of 100 offered at " + batchRate + " events/s")
                        .p99Millis());
        int singleRate = Math.max(1, (int) (singles.median() / 2));
        var fixedSingleRuns = new ArrayList<IntakeLoad.Result>();
        var fixedSingles = Runs.of(
                repeats,
                () -> measured(
                                fixedSingleRuns,
                                harness.load(1, 64, plan.fixedSeconds(), singleRate),
                                "single events offered at " + singleRate + " events/s")
                        .p99Millis());
        var perfFixedRuns = new ArrayList<ProducerPerformance.Summary>();
        var perfFixed = Runs.of(repeats, () -> {
            var run = ProducerPerformance.run(
                    bootstrap, Math.max(10_000L, (long) batchRate * plan.fixedSeconds()), recordSize, batchRate);
            perfFixedRuns.add(run);
            progress(
                    "  ProducerPerformance at %,d records/s: p50 %.0f ms, p99 %.0f ms",
                    batchRate, run.p50Ms(), run.p99Ms());
            return run.p99Ms();
        });
        kafka.deleteTopic(ProducerPerformance.TOPIC);

        Runs alone = null;
        var aloneRuns = new ArrayList<IntakeLoad.Result>();
        if (processes.workerKnown()) {
            // the machine's cores are shared with the projection, which works while the intake is measured; short
            // runs: the worker's consumers must be back before their session times out (45 s)
            var pausedCpu = processes.cpuUse();
            alone = Runs.of(repeats, () -> {
                if (!processes.pauseWorker()) {
                    throw new IllegalStateException("the worker could not be paused");
                }
                try {
                    return measured(
                                    aloneRuns,
                                    harness.load(100, 8, Math.min(5, plan.intakeSeconds()), 0),
                                    "the same batches with the worker paused (SIGSTOP)")
                            .eventsPerSecond();
                } finally {
                    processes.resumeWorker();
                }
            });
            var aloneCpu = pausedCpu.cores();
            progress("    cores used meanwhile: %s", aloneCpu);
            report.note("cores used during the intake of batches with the worker paused", aloneCpu);
        }
        // once more at the end of the step: a check that the warm-up held (the figure should lie within the runs'
        // range); profiled when profiles are on
        boolean profiling = harness.profiles().start("intake", "api", "worker");
        var again = harness.load(100, 8, Math.min(10, plan.intakeSeconds()), 0);
        if (profiling) {
            harness.profiles().stop("intake", "api", "worker");
        }
        progress(
                "  the same batches again at the end, %s: %,.0f events/s, p50 %.1f ms, p99 %.1f ms",
                profiling ? "profiled" : "not profiled", again.eventsPerSecond(), again.p50Millis(), again.p99Millis());

        var reference = "ProducerPerformance (acks=all, idempotent, linger.ms=5, " + recordSize + " B)";
        var batchesDetails = new LinkedHashMap<String, Object>();
        batchesDetails.put("loads", batchRuns);
        batchesDetails.put("references", perfRuns);
        batchesDetails.put("coresUsed", batchesCpu);
        batchesDetails.put("referenceCoresUsed", perfCores);
        report.against(
                "1 intake",
                "POST /events, batches of 100, 8 clients, max" + unsettled(warmup),
                batches,
                "events/s",
                reference,
                perfMax,
                0.5,
                batchesDetails);
        if (alone != null) {
            report.against(
                    "1 intake",
                    "… the same with the worker paused (SIGSTOP), to see the cost of sharing 2 cores",
                    alone,
                    "events/s",
                    reference,
                    perfMax,
                    0.6,
                    Map.of("loads", aloneRuns));
        }
        report.against(
                "1 intake",
                "… the same once more at the end of step 1 (a check on the warm-up; worker running"
                        + (profiling ? ", profiled" : "") + ")",
                again.eventsPerSecond(),
                "events/s",
                "the median of the runs above",
                batches.median(),
                0,
                Map.of("run", again));
        report.against(
                "1 intake",
                "POST /events, single events, 32 clients, max" + unsettled(singlesWarmup),
                singles,
                "events/s",
                reference,
                perfMax,
                0,
                Map.of("loads", singleRuns));
        report.against(
                "1 intake",
                "batches of 100 at 50% of max (" + batchRate + " events/s): p99",
                fixedBatches,
                "ms",
                "ProducerPerformance at the same rate: p99",
                perfFixed,
                0,
                Map.of("loads", fixedBatchRuns, "references", perfFixedRuns));
        report.measured(
                "1 intake",
                "… the same: p50",
                new Runs(fixedBatchRuns.stream()
                        .map(IntakeLoad.Result::p50Millis)
                        .toList()),
                "ms",
                Map.of());
        report.measured(
                "1 intake",
                "single events at 50% of max (" + singleRate + " events/s): p99",
                fixedSingles,
                "ms",
                Map.of("loads", fixedSingleRuns));
        report.measured(
                "1 intake",
                "… the same: p50",
                new Runs(fixedSingleRuns.stream()
                        .map(IntakeLoad.Result::p50Millis)
                        .toList()),
                "ms",
                Map.of());
        return batches.median();
    }

    /**
     * Step 1's last part, on a stack of its own (the in-memory MongoDB of the bench's stack cannot hold the rest of
     * step 1's events as well: on 2026-12-07 its heap filled here): the API warmed up with batches as in step 1, then
     * what the privacy mix costs against the same batches all anonymous, and both at half the maximum intake.
     */
    void measurePrivacy(double maxIntake) throws Exception {
        var plan = harness.plan();
        var warmup = Runs.warmUntilStable(
                "batches",
                plan.warmupRounds() / 2,
                () -> harness.load(100, 8, plan.warmupRoundSeconds(), 0).eventsPerSecond());
        progress("1/5 intake, privacy: warm-up %s", warmup.describe());
        harness.report().note("warm-up of the privacy part (batches of 100, events/s per round)", warmup.details());
        int batchRate = (int) (maxIntake / 2);
        privacyCost(batchRate).report(harness.report(), batchRate);
    }

    /** What a figure says of a warm-up that did not settle: its runs may still have been climbing. */
    private static String unsettled(Runs.Warmup warmup) {
        return warmup.stable()
                ? ""
                : " — warm-up did not settle in " + warmup.rounds().size() + " rounds";
    }

    /** Keeps a load's result and says what it measured. */
    private static IntakeLoad.Result measured(List<IntakeLoad.Result> runs, IntakeLoad.Result run, String what) {
        runs.add(run);
        progress(
                "  %s: %,.0f events/s, p50 %.1f ms, p99 %.1f ms %s",
                what, run.eventsPerSecond(), run.p50Millis(), run.p99Millis(), run.statuses());
        return run;
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
                    PRIVACY_MIX + ": batches of 100, 20% contacts with a client code, 2% signals with a text: median"
                            + " of " + mixed.size() + " interleaved runs",
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
     * seen before), three runs of each, interleaved (anonymous, mix, anonymous, …) so that drift of the machine falls
     * on both, then one of each at a fixed rate. Three, not five: the in-memory MongoDB of the bench's stack holds
     * every event the step writes (each projected by three families), and with five the step's four million events
     * filled its heap (2026-12-07).
     */
    private static final int RUNS = 3;

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
}
