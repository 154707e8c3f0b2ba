package org.peertracker.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.peertracker.events.EventCodec;
import org.peertracker.events.EventType;
import org.peertracker.events.Topics;
import tools.jackson.databind.JsonNode;

/**
 * {@code infra/bench}: measures the running system beside a reference measured in the same run on the same machine —
 * intake against Kafka's producer perf tool, projection against raw unordered bulkWrites, end-to-end latency at a
 * share of the measured maximum intake, rebuilds from a large log against the projection, and peak memory — then
 * writes {@code results.json} and prints a markdown table. Runs in a JVM of its own, never in the API's.
 */
public final class Benchmark {

    static final String LOAD_ORG = "bench-load";
    static final String PROBE_ORG = "bench-probe";
    static final String REBUILD_ORG = "bench-rebuild";
    static final String PERF_TOPIC = "bench.producer-perf";
    static final Map<String, List<String>> FAMILY_TOPICS = familyTopics();

    /** How long each part runs: {@code --quick} for a smoke run, else the full run. */
    record Plan(boolean quick, int warmupSeconds, int intakeSeconds, int singleSeconds, int fixedSeconds,
            int endToEndSeconds, int probesPerSecond, long perfRecords, long projectionEvents, long rebuildEvents) {

        static Plan of(boolean quick) {
            // the API's warm-up is long: on 2 busy cores its JIT takes most of a minute to compile the intake's hot paths
            return quick ? new Plan(true, 15, 8, 6, 8, 12, 20, 100_000, 100_000, 100_000)
                    : new Plan(false, 60, 20, 20, 20, 30, 25, 500_000, 500_000, 1_000_000);
        }
    }

    /** The warm-up's offered rate: enough for the JIT, and leaves it cores to compile with. */
    static final int WARMUP_EVENTS_PER_SECOND = 10_000;

    /**
     * @param phase {@code intake} (step 1 and the memory it took), then, each on a fresh stack, {@code projection},
     *              {@code latency} (step 3 at shares of the sustained rate), {@code overload} (step 3 at shares of the
     *              maximum intake) and {@code rebuild} (step 4), carrying on the report in {@code out}; or {@code all}
     *              (every step on one system)
     */
    record Settings(String phase, boolean table, Plan plan, String api, String worker, String kafka, String mongo, String groupPrefix,
            long stackPid, long apiPid, long workerPid, Path out, boolean profile, String loadToken, String probeToken,
            String adminToken) {
    }

    private final Settings settings;
    private final BenchReport report;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Admin admin;
    private final long started = System.nanoTime();

    private Benchmark(Settings settings) throws IOException {
        this.settings = settings;
        this.report = !settings.phase().equals("all") && !settings.phase().equals("intake") && Files.exists(settings.out())
                ? BenchReport.read(Files.readString(settings.out()))
                : new BenchReport(machine(settings));
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafka()));
    }

    public static void main(String[] args) throws Exception {
        var settings = parse(args);
        var benchmark = new Benchmark(settings);
        try {
            benchmark.run();
        } finally {
            benchmark.admin.close(Duration.ofSeconds(5));
        }
    }

    private void run() throws Exception {
        Files.createDirectories(settings.out().getParent());
        var plan = settings.plan();
        progress("benchmark (%s run): api %s, worker %s, Kafka %s, MongoDB %s", plan.quick() ? "quick" : "full",
                settings.api(), settings.worker(), settings.kafka(), settings.mongo());
        // a phase run again replaces what it measured before
        report.drop(f -> measuredBy(settings.phase(), f));
        switch (settings.phase()) {
            case "intake" -> intake();
            case "projection" -> projection();
            case "latency" -> endToEndSustained(earlier("1 intake"));
            case "overload" -> endToEndAtMaxShares(earlier("1 intake"));
            case "rebuild" -> rebuild(earlier("2 projection"));
            default -> {
                double maxIntake = intake();
                write();
                double projection = projection();
                write();
                endToEndSustained(maxIntake);
                write();
                endToEndAtMaxShares(maxIntake);
                write();
                rebuild(projection);
            }
        }
        write();
        memory(stepsOf(settings.phase()));
        write();
        progress("%s done in %.1f min; results in %s", settings.phase().equals("all") ? "benchmark" : "phase " + settings.phase(),
                (System.nanoTime() - started) / 60e9, settings.out());
        if (settings.table()) {
            System.out.println();
            System.out.println(report.table());
        }
    }

    /** The steps a phase measures, as its memory figures name them. */
    private static String stepsOf(String phase) {
        return switch (phase) {
            case "intake" -> "step 1";
            case "projection" -> "step 2";
            case "latency" -> "step 3 (sustained rates)";
            case "overload" -> "step 3 (shares of max intake)";
            case "rebuild" -> "step 4";
            default -> "steps 1–4";
        };
    }

    /** Whether a figure is one the phase measures (and so replaces when it runs again). */
    private static boolean measuredBy(String phase, BenchReport.Figure figure) {
        if (figure.measure().contains(" over " + stepsOf(phase) + ",")) {
            return true;
        }
        var step = figure.step();
        boolean ofMax = figure.measure().contains("of max intake");
        return switch (phase) {
            case "intake" -> step.startsWith("1");
            case "projection" -> step.startsWith("2");
            case "latency" -> step.startsWith("3") && !ofMax;
            case "overload" -> step.startsWith("3") && ofMax;
            case "rebuild" -> step.startsWith("4");
            default -> false;
        };
    }

    /** The first figure of a step measured by an earlier phase of this run, read back from {@code out}. */
    private double earlier(String step) {
        return report.first(step).map(BenchReport.Figure::value).orElseThrow(() -> new IllegalStateException(
                "no figure of step '" + step + "' in " + settings.out() + ": run the earlier phases first"));
    }

    // ---- 1. intake ---------------------------------------------------------------------------------------------

    /** Returns the maximum intake in events/s (batches of 100), the base of step 3. */
    private double intake() throws Exception {
        var plan = settings.plan();
        var outreach = describe(Topics.OUTREACH);
        int partitions = outreach.partitions().size();
        // as many copies as the intake's topic (tracker.topics.replication-factor), so that both wait for the same acks
        short replicas = (short) outreach.partitions().getFirst().replicas().size();
        int recordSize = publishedRecordSize();
        progress("1/5 intake: reference first, on an idle system: ProducerPerformance, %,d records of %d B to %s (%d partitions, %d replicas)",
                plan.perfRecords(), recordSize, PERF_TOPIC, partitions, replicas);
        createTopic(PERF_TOPIC, partitions, replicas);
        var perfCpu = CpuUse.start(processes());
        var perfMax = producerPerf(plan.perfRecords(), recordSize, -1);
        var perfCores = perfCpu.cores();
        progress("  ProducerPerformance: %,.0f records/s, p50 %.0f ms, p99 %.0f ms", perfMax.recordsPerSecond(),
                perfMax.p50Ms(), perfMax.p99Ms());
        progress("    cores used meanwhile: %s", perfCores);
        report.note("cores used during ProducerPerformance, max", perfCores);

        progress("  warm-up of the API: %d s of batches at %,d events/s", plan.warmupSeconds(), WARMUP_EVENTS_PER_SECOND);
        load(100, 16, plan.warmupSeconds(), WARMUP_EVENTS_PER_SECOND, LOAD_ORG);
        var cpu = CpuUse.start(processes());
        var batches = load(100, 8, plan.intakeSeconds(), 0, LOAD_ORG);
        var batchesCpu = cpu.cores();
        progress("  POST /events, batches of 100, 8 clients: %,.0f events/s, p50 %.1f ms, p99 %.1f ms %s",
                batches.eventsPerSecond(), batches.p50Millis(), batches.p99Millis(), batches.statuses());
        progress("    cores used meanwhile: %s", batchesCpu);
        report.note("cores used during the intake of batches, max", batchesCpu);
        var singles = load(1, 32, plan.singleSeconds(), 0, LOAD_ORG);
        progress("  POST /events, single events, 32 clients: %,.0f events/s, p50 %.1f ms, p99 %.1f ms %s",
                singles.eventsPerSecond(), singles.p50Millis(), singles.p99Millis(), singles.statuses());

        int batchRate = (int) (batches.eventsPerSecond() / 2);
        var fixedBatches = load(100, 32, plan.fixedSeconds(), batchRate, LOAD_ORG);
        progress("  batches of 100 offered at %,d events/s (50%% of max): p50 %.1f ms, p99 %.1f ms %s", batchRate,
                fixedBatches.p50Millis(), fixedBatches.p99Millis(), fixedBatches.statuses());
        int singleRate = Math.max(1, (int) (singles.eventsPerSecond() / 2));
        var fixedSingles = load(1, 64, plan.fixedSeconds(), singleRate, LOAD_ORG);
        progress("  single events offered at %,d events/s (50%% of max): p50 %.1f ms, p99 %.1f ms %s", singleRate,
                fixedSingles.p50Millis(), fixedSingles.p99Millis(), fixedSingles.statuses());
        var perfFixed = producerPerf(Math.max(10_000L, (long) batchRate * plan.fixedSeconds()), recordSize, batchRate);
        progress("  ProducerPerformance at %,d records/s: p50 %.0f ms, p99 %.0f ms", batchRate, perfFixed.p50Ms(),
                perfFixed.p99Ms());
        deleteTopic(PERF_TOPIC);

        IntakeLoad.Result alone = null;
        if (settings.workerPid() > 0 && signal(settings.workerPid(), "STOP")) {
            // the machine's cores are shared with the projection, which works while the intake is measured
            var pausedCpu = CpuUse.start(processes());
            try {
                // short: the worker's consumers must be back before their session times out (45 s)
                alone = load(100, 8, Math.min(5, plan.intakeSeconds()), 0, LOAD_ORG);
            } finally {
                signal(settings.workerPid(), "CONT");
            }
            var aloneCpu = pausedCpu.cores();
            progress("  the same batches with the worker paused (SIGSTOP): %,.0f events/s, p50 %.1f ms, p99 %.1f ms",
                    alone.eventsPerSecond(), alone.p50Millis(), alone.p99Millis());
            progress("    cores used meanwhile: %s", aloneCpu);
            report.note("cores used during the intake of batches with the worker paused", aloneCpu);
        }
        // once more with the worker running, now that the API's JIT has had minutes of this load: tells contention
        // from warm-up; profiled when profiles are on
        boolean profiling = startProfiles("intake", "api", "worker");
        var again = load(100, 8, Math.min(10, plan.intakeSeconds()), 0, LOAD_ORG);
        if (profiling) {
            stopProfiles("intake", "api", "worker");
        }
        progress("  the same batches again with the worker running, %s: %,.0f events/s, p50 %.1f ms, p99 %.1f ms",
                profiling ? "profiled" : "not profiled", again.eventsPerSecond(), again.p50Millis(), again.p99Millis());

        var reference = "ProducerPerformance (acks=all, idempotent, linger.ms=5, " + recordSize + " B)";
        var batchesDetails = details(batches, perfMax);
        batchesDetails.put("coresUsed", batchesCpu);
        batchesDetails.put("referenceCoresUsed", perfCores);
        report.against("1 intake", "POST /events, batches of 100, 8 clients, max", batches.eventsPerSecond(),
                "events/s", reference, perfMax.recordsPerSecond(), 0.5, batchesDetails);
        if (alone != null) {
            report.against("1 intake", "… the same with the worker paused (SIGSTOP), to see the cost of sharing 2 cores",
                    alone.eventsPerSecond(), "events/s", reference, perfMax.recordsPerSecond(), 0, details(alone, null));
        }
        report.against("1 intake", "… the same again at the end of step 1 (JIT warm, worker running"
                + (profiling ? ", profiled" : "") + ")", again.eventsPerSecond(), "events/s", reference,
                perfMax.recordsPerSecond(), 0, details(again, null));
        report.against("1 intake", "POST /events, single events, 32 clients, max", singles.eventsPerSecond(),
                "events/s", reference, perfMax.recordsPerSecond(), 0, details(singles, perfMax));
        report.against("1 intake", "batches of 100 at 50% of max (" + batchRate + " events/s): p50",
                fixedBatches.p50Millis(), "ms", "ProducerPerformance at the same rate: p50", perfFixed.p50Ms(), 0,
                details(fixedBatches, perfFixed));
        report.against("1 intake", "batches of 100 at 50% of max: p99", fixedBatches.p99Millis(), "ms",
                "ProducerPerformance at the same rate: p99", perfFixed.p99Ms(), 0, Map.of());
        report.measured("1 intake", "single events at 50% of max (" + singleRate + " events/s): p50",
                fixedSingles.p50Millis(), "ms", details(fixedSingles, null));
        report.measured("1 intake", "single events at 50% of max: p99", fixedSingles.p99Millis(), "ms", Map.of());
        return batches.eventsPerSecond();
    }

    private IntakeLoad.Result load(int batch, int concurrency, int seconds, int rate, String org)
            throws InterruptedException {
        return IntakeLoad.run(new IntakeLoad.Options(settings.api(), org, batch, concurrency, seconds, rate,
                settings.loadToken()));
    }

    /** The mean size of a contact as the intake publishes it, the record size of the reference. */
    private static int publishedRecordSize() {
        long bytes = 0;
        for (int i = 0; i < 1000; i++) {
            bytes += EventCodec.writeBytes(IntakeLoad.contact(LOAD_ORG, "sess-" + i % 50).withReceivedAt(Instant.now())).length;
        }
        return (int) (bytes / 1000);
    }

    /** Kafka's stock producer perf tool, in a process of its own; {@code rate} -1 for as fast as it goes. */
    private BenchReport.ProducerPerf producerPerf(long records, int recordSize, int rate) throws Exception {
        var lib = Path.of(Benchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        var classpath = lib.toString() + ":" + lib.resolveSibling("lib") + "/*";
        if (!Files.isDirectory(lib)) {
            classpath = lib.getParent().resolve("lib") + "/*:" + lib;
        }
        var command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", classpath, "org.apache.kafka.tools.ProducerPerformance",
                "--topic", PERF_TOPIC, "--num-records", String.valueOf(records),
                "--record-size", String.valueOf(recordSize), "--throughput", String.valueOf(rate),
                "--producer-props", "bootstrap.servers=" + settings.kafka(), "acks=all", "enable.idempotence=true",
                "linger.ms=5");
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes());
        process.waitFor(10, TimeUnit.MINUTES);
        var perf = BenchReport.ProducerPerf.parse(output);
        if (perf == null) {
            throw new IllegalStateException("ProducerPerformance gave no summary:\n" + output);
        }
        return perf;
    }

    private static Map<String, Object> details(IntakeLoad.Result load, BenchReport.ProducerPerf perf) {
        var details = new LinkedHashMap<String, Object>();
        details.put("run", load);
        if (perf != null) {
            details.put("reference", perf);
        }
        return details;
    }

    // ---- 2. projection -----------------------------------------------------------------------------------------

    /** Returns the projection's events/s (second rebuild of outreach), the base of step 4. */
    private double projection() throws Exception {
        var plan = settings.plan();
        progress("2/5 projection: writing %,d contacts of the rebuild's mix (20,000 sessions, 90 days, 8 areas) to %s",
                plan.projectionEvents(), Topics.OUTREACH);
        var mix = new RebuildEvents(LOAD_ORG);
        double writeSeconds = RebuildEvents.produce(settings.kafka(), plan.projectionEvents(),
                () -> mix.next(EventType.OUTREACH_CONTACT_RECORDED), Benchmark::progress);
        progress("  written in %.1f s; the live projection catches up, then outreach is rebuilt twice (the second, "
                + "JIT warm, counts), then once profiled", writeSeconds);
        awaitLiveCaughtUp();
        var first = rebuild("outreach", null);
        var cpu = CpuUse.start(processes());
        var second = rebuild("outreach", null);
        var secondCpu = cpu.cores();
        progress("    cores used meanwhile: %s", secondCpu);
        report.note("cores used during the measured rebuild of outreach", secondCpu);
        if (settings.profile()) {
            rebuild("outreach", "projection");
        }
        int events = (int) Math.max(50_000, Math.min(500_000, second.events()));
        progress("  reference: raw unordered bulkWrite of the same upserts for %,d contacts of the same mix", events);
        double rawSeconds = RawBulkWrite.run(settings.mongo(), events);
        double raw = events / rawSeconds;
        progress("  raw bulkWrite: %,.0f events/s", raw);
        var details = new LinkedHashMap<String, Object>();
        details.put("firstRun", first);
        details.put("secondRun", second);
        details.put("referenceEvents", events);
        details.put("referenceSeconds", BenchReport.round(rawSeconds));
        report.against("2 projection", "rebuild of outreach (2nd run), " + String.format("%,d", second.events())
                + " events", second.eventsPerSecond(), "events/s", "raw driver bulkWrite, unordered",
                raw, 0.7, details);
        return second.eventsPerSecond();
    }

    /** A finished rebuild: events projected, wall time, and the rate. */
    record Rebuilt(String family, int generation, long events, double seconds, double eventsPerSecond) {
    }

    /** Starts a rebuild and follows it to the end; profiles the worker and the stack when {@code profile} names it. */
    private Rebuilt rebuild(String family, String profile) throws Exception {
        var started = send("POST", settings.worker() + "/actuator/rebuilds/" + family, settings.adminToken());
        int generation = started.path("generation").asInt();
        boolean profiling = profile != null && startProfiles(profile, "worker", "embedded-mongodb");
        long lastReport = 0;
        JsonNode progress;
        try {
            while (true) {
                progress = send("GET", settings.worker() + "/actuator/rebuilds", settings.adminToken()).path(family);
                var status = progress.path("status").asString("");
                if (progress.path("generation").asInt() == generation && (status.equals("done") || status.equals("failed"))) {
                    break;
                }
                if (System.nanoTime() - lastReport > 5_000_000_000L) {
                    lastReport = System.nanoTime();
                    progress("  rebuild of %s: %s, %,d of %,d events, %,.0f events/s, eta %d s", family, status,
                            progress.path("eventsDone").asLong(), progress.path("eventsTotal").asLong(),
                            progress.path("eventsPerSecond").asDouble(), progress.path("etaSeconds").asLong());
                }
                // the worker updates the progress once a second; asking more often only costs it CPU
                TimeUnit.SECONDS.sleep(1);
            }
        } finally {
            if (profiling) {
                stopProfiles(profile, "worker", "embedded-mongodb");
            }
        }
        if (progress.path("status").asString().equals("failed")) {
            throw new IllegalStateException("rebuild of " + family + " failed: " + progress.path("error").asString());
        }
        long events = progress.path("eventsTotal").asLong();
        double seconds = Duration.between(Instant.parse(progress.path("startedAt").asString()),
                Instant.parse(progress.path("finishedAt").asString())).toMillis() / 1000.0;
        var rebuilt = new Rebuilt(family, generation, events, seconds, BenchReport.round(events / seconds));
        progress("  rebuild of %s done: %,d events in %.1f s = %,.0f events/s", family, events, seconds,
                rebuilt.eventsPerSecond());
        return rebuilt;
    }

    // ---- 3. end to end -----------------------------------------------------------------------------------------

    /**
     * The rate the whole system sustains (found first), then the latency at 25, 50 and 75% of it: on 2 cores the intake
     * alone takes more events than the projection beside it can apply, and above that rate a backlog grows for as long
     * as the load lasts, whatever the latency of one event.
     */
    private void endToEndSustained(double maxIntake) throws Exception {
        warmUpForLatency();
        int sustained = sustainedRate(maxIntake);
        for (int percent : List.of(25, 50, 75)) {
            endToEnd("sustained", sustained, percent, false);
        }
    }

    /**
     * The latency at 25, 50 and 75% of the maximum intake of step 1, as the target is set; on a stack of its own, since
     * the backlogs these rates leave fill the embedded MongoDB's memory.
     */
    private void endToEndAtMaxShares(double maxIntake) throws Exception {
        warmUpForLatency();
        for (int percent : List.of(25, 50, 75)) {
            endToEnd("max", maxIntake, percent, percent == 50);
        }
    }

    /** A fresh stack: warm the API's and the worker's JIT with the same load first. */
    private void warmUpForLatency() throws Exception {
        var plan = settings.plan();
        progress("3/5 end-to-end: warm-up, %d s of batches at %,d events/s", plan.warmupSeconds(), WARMUP_EVENTS_PER_SECOND / 3);
        load(100, 16, plan.warmupSeconds(), WARMUP_EVENTS_PER_SECOND / 3, LOAD_ORG);
        awaitLiveCaughtUp();
    }

    /**
     * The highest rate of batches of 100 at which the live projection keeps up with the intake, by bisection between 0
     * and the maximum intake: a rate is sustained when, at the end of a run at it, every family that reads the contacts
     * is less than one second of them behind.
     */
    private int sustainedRate(double maxIntake) throws Exception {
        var plan = settings.plan();
        int seconds = plan.quick() ? 8 : 10;
        int families = (int) FAMILY_TOPICS.values().stream().filter(topics -> topics.contains(Topics.OUTREACH)).count();
        int low = 0;
        int high = (int) maxIntake;
        var tried = new LinkedHashMap<String, Object>();
        for (int step = 0; step < (plan.quick() ? 4 : 5); step++) {
            int rate = (low + high) / 2;
            awaitLiveCaughtUp();
            var run = load(100, 32, seconds, rate, LOAD_ORG);
            long lag = liveLag();
            boolean kept = lag <= (long) families * rate && run.eventsPerSecond() >= 0.95 * rate;
            progress("  sustained? %,d events/s offered for %d s: %,.0f accepted, projection %,d records behind at the end: %s",
                    rate, seconds, run.eventsPerSecond(), lag, kept ? "kept up" : "fell behind");
            tried.put(String.valueOf(rate), Map.of("accepted", BenchReport.round(run.eventsPerSecond()), "lagAtEnd", lag,
                    "keptUp", kept));
            if (kept) {
                low = rate;
            } else {
                high = rate;
            }
        }
        awaitLiveCaughtUp();
        int sustained = Math.max(low, 100);
        progress("  sustained end to end: %,d events/s (%.0f%% of the maximum intake)", sustained, 100.0 * sustained / maxIntake);
        report.against("3 end-to-end", "highest rate the system sustains end to end (projection keeps up)", sustained,
                "events/s", "maximum intake (1)", maxIntake, 0, Map.of("runSeconds", seconds, "tried", tried));
        return sustained;
    }

    private void endToEnd(String base, double baseRate, int percent, boolean target) throws Exception {
        var plan = settings.plan();
        int rate = (int) (baseRate * percent / 100);
        awaitLiveCaughtUp();
        progress("3/5 end-to-end at %d%% of the %s rate: %,d events/s in batches of 100 for %d s, %d probes/s",
                percent, base.equals("max") ? "maximum intake" : "sustained", rate, plan.endToEndSeconds(),
                plan.probesPerSecond());
        var background = CompletableFuture.supplyAsync(() -> {
            try {
                return load(100, 32, plan.endToEndSeconds(), rate, LOAD_ORG);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
        var profile = "end-to-end-" + percent + "-" + base;
        boolean profiling = percent == 50 && startProfiles(profile, "api", "worker", "embedded-mongodb");
        var cpu = CpuUse.start(processes());
        LiveProbe.Result probe;
        try {
            probe = new LiveProbe(settings.api(), PROBE_ORG, settings.probeToken())
                    .run(plan.probesPerSecond(), plan.endToEndSeconds() - 2, Duration.ofSeconds(15));
        } finally {
            var offered = background.join();
            progress("  background: %,.0f events/s accepted of %,d offered %s", offered.eventsPerSecond(), rate,
                    offered.statuses());
        }
        var cores = cpu.cores();
        progress("    cores used meanwhile: %s", cores);
        if (profiling) {
            stopProfiles(profile, "api", "worker", "embedded-mongodb");
        }
        var micros = probe.latenciesMicros();
        double p50 = BenchReport.percentile(micros, 50) / 1000;
        double p99 = BenchReport.percentile(micros, 99) / 1000;
        double p999 = BenchReport.percentile(micros, 99.9) / 1000;
        progress("  202 → view-change: p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms over %d probes (%d missing); "
                + "read back %d of %d", p50, p99, p999, micros.length, probe.missing(), probe.confirmed(),
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
        report.measured("3 end-to-end", "202 → readable " + load + ": p99.9 (" + micros.length + " samples)"
                + bound, p999, "ms", Map.of());
        var polled = probe.readableMicros();
        var unreadable = probe.unreadable() > 0 ? ", " + probe.unreadable() + " not readable after 15 s" : "";
        progress("  202 → GET answers 200 (every 10th probe, polled every 100 ms): p50 %.1f ms, p99 %.1f ms over "
                + "%d probes%s", BenchReport.percentile(polled, 50) / 1000, BenchReport.percentile(polled, 99) / 1000,
                polled.length, unreadable);
        report.measured("3 end-to-end", "202 → GET answers 200 " + load + ", polled every 100 ms: p50 ("
                + polled.length + " probes" + unreadable + ")", BenchReport.percentile(polled, 50) / 1000, "ms", Map.of());
        report.measured("3 end-to-end", "202 → GET answers 200 " + load + ", polled every 100 ms: p99",
                BenchReport.percentile(polled, 99) / 1000, "ms", Map.of());
    }

    // ---- 4. rebuild --------------------------------------------------------------------------------------------

    private void rebuild(double projection) throws Exception {
        var plan = settings.plan();
        progress("4/5 rebuild: writing %,d events (published form, 80%% outreach contacts, every type) to the topics",
                plan.rebuildEvents());
        double writeSeconds = RebuildEvents.produce(settings.kafka(), REBUILD_ORG, plan.rebuildEvents(), Benchmark::progress);
        progress("  written in %.1f s (%,.0f events/s); the live projection catches up first", writeSeconds,
                plan.rebuildEvents() / writeSeconds);
        long backlog = liveLag();
        long catchUpStart = System.nanoTime();
        awaitLiveCaughtUp();
        double catchUpSeconds = (System.nanoTime() - catchUpStart) / 1e9;
        report.measured("4 rebuild", "live projection catching up on the backlog (5 families at once)",
                backlog / Math.max(0.001, catchUpSeconds), "records/s",
                Map.of("records", backlog, "seconds", BenchReport.round(catchUpSeconds)));
        long totalEvents = 0;
        double totalSeconds = 0;
        for (var family : List.of("outreach", "activity", "support", "campaign", "involvement")) {
            var rebuilt = rebuild(family, null);
            totalEvents += rebuilt.events();
            totalSeconds += rebuilt.seconds();
            report.against("4 rebuild", "rebuild of " + family + ", " + String.format("%,d", rebuilt.events())
                    + " events in " + String.format(Locale.ROOT, "%.0f", rebuilt.seconds()) + " s",
                    rebuilt.eventsPerSecond(), "events/s", "projection (2)", projection, 0, Map.of("rebuild", rebuilt));
        }
        // a family projects each event of its topics once: activity and involvement read every topic, so the whole
        // rebuild projects each event two or three times; its rate in family-events/s is the one to set beside (2)
        report.against("4 rebuild", "all five families one after another: " + String.format("%,d", plan.rebuildEvents())
                + " events, projected " + String.format("%,d", totalEvents) + " times in " + String.format(Locale.ROOT,
                "%.0f", totalSeconds) + " s (" + String.format("%,.0f", plan.rebuildEvents() / totalSeconds)
                + " events/s)", totalEvents / totalSeconds, "family-events/s", "projection (2)", projection, 0.7,
                Map.of("events", plan.rebuildEvents(), "familyEvents", totalEvents, "seconds", BenchReport.round(totalSeconds)));
    }

    // ---- 5. memory ---------------------------------------------------------------------------------------------

    private void memory(String steps) throws IOException {
        progress("5/5 memory: peak resident set (VmHWM) of the api and the worker over %s", steps);
        for (var process : List.of(Map.entry("api", settings.apiPid()), Map.entry("worker", settings.workerPid()))) {
            if (process.getValue() <= 0) {
                progress("  %s: no pid known (an external system); not measured", process.getKey());
                continue;
            }
            var status = Files.readString(Path.of("/proc", String.valueOf(process.getValue()), "status"));
            double peak = BenchReport.procStatusNumber(status, "VmHWM") / 1024.0;
            double now = BenchReport.procStatusNumber(status, "VmRSS") / 1024.0;
            long threads = BenchReport.procStatusNumber(status, "Threads");
            progress("  %s (pid %d): peak %.0f MiB, now %.0f MiB, %d threads", process.getKey(), process.getValue(), peak,
                    now, threads);
            report.below("5 memory", process.getKey() + " peak RSS (VmHWM) over " + steps + ", -Xmx256m", peak, "MiB", 512,
                    Map.of("pid", process.getValue(), "rssNowMiB", BenchReport.round(now), "threadsNow", threads));
        }
    }

    // ---- profiles ----------------------------------------------------------------------------------------------

    /** Starts JFR recordings of the named processes (api, worker, embedded-mongodb) where their pids are known. */
    private boolean startProfiles(String name, String... processes) {
        if (!settings.profile()) {
            return false;
        }
        boolean any = false;
        for (var process : profiled(processes).entrySet()) {
            any |= Profiles.start(process.getValue(), "bench-" + name, profileFile(name, process.getKey()));
        }
        return any;
    }

    private void stopProfiles(String name, String... processes) {
        var summaries = new LinkedHashMap<String, Object>();
        for (var process : profiled(processes).entrySet()) {
            if (Profiles.stop(process.getValue(), "bench-" + name)) {
                var file = profileFile(name, process.getKey());
                try {
                    var summary = Profiles.summary(file, 12);
                    summary.put("file", file.toString());
                    summaries.put(process.getKey(), summary);
                    progress("  profile of %s during %s: %s; top frames %s", process.getKey(), name,
                            ((List<?>) summary.get("topPackages")).stream().limit(4).toList(),
                            ((List<?>) summary.get("topFrames")).stream().limit(3).toList());
                } catch (IOException e) {
                    progress("  profile of %s during %s unreadable: %s", process.getKey(), name, e.getMessage());
                }
            }
        }
        report.note("profile " + name, summaries);
    }

    /** The JVMs worth profiling: the api, the worker, and the launcher that hosts the embedded MongoDB. */
    private Map<String, Long> profiled(String... names) {
        var pids = new LinkedHashMap<String, Long>();
        if (settings.apiPid() > 0) {
            pids.put("api", settings.apiPid());
        }
        if (settings.workerPid() > 0) {
            pids.put("worker", settings.workerPid());
        }
        if (settings.stackPid() > 0 && settings.mongo().contains("127.0.0.1")) {
            pids.put("embedded-mongodb", settings.stackPid());
        }
        pids.keySet().retainAll(List.of(names));
        return pids;
    }

    private Path profileFile(String name, String process) {
        return settings.out().getParent().resolve(name + "-" + process + ".jfr").toAbsolutePath();
    }

    /** The processes whose CPU use is worth knowing: the stack's, and this load generator. */
    private Map<String, Long> processes() {
        var pids = new LinkedHashMap<String, Long>();
        pids.put("api", settings.apiPid());
        pids.put("worker", settings.workerPid());
        if (settings.stackPid() > 0) {
            pids.put("launcher with embedded MongoDB", settings.stackPid());
            pids.put("Kafka broker", ProcessHandle.of(settings.stackPid()).stream().flatMap(ProcessHandle::children)
                    .filter(p -> p.info().commandLine().orElse("").contains("kafka.Kafka"))
                    .mapToLong(ProcessHandle::pid).findFirst().orElse(0));
        }
        pids.put("load generator", ProcessHandle.current().pid());
        pids.values().removeIf(pid -> pid <= 0);
        return pids;
    }

    /** CPU time of some processes over an interval, as cores used on average (1.0 = one core all the time). */
    private record CpuUse(Map<String, Long> pids, Map<String, Long> ticks, long startNanos) {

        static CpuUse start(Map<String, Long> pids) {
            return new CpuUse(pids, ticks(pids), System.nanoTime());
        }

        Map<String, Double> cores() {
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            var now = ticks(pids);
            var cores = new LinkedHashMap<String, Double>();
            // Linux counts in ticks of 1/100 s (USER_HZ)
            now.forEach((name, t) -> cores.put(name, Math.round((t - ticks.getOrDefault(name, t)) / 100.0 / seconds * 100) / 100.0));
            return cores;
        }

        private static Map<String, Long> ticks(Map<String, Long> pids) {
            var ticks = new LinkedHashMap<String, Long>();
            pids.forEach((name, pid) -> {
                try {
                    ticks.put(name, BenchReport.procStatCpuTicks(Files.readString(Path.of("/proc", pid.toString(), "stat"))));
                } catch (IOException | RuntimeException gone) {
                    // not on Linux, or the process is gone: left out
                }
            });
            try {
                // the processes this one started and waited for: ProducerPerformance
                ticks.put("ProducerPerformance", BenchReport.procStatChildCpuTicks(Files.readString(Path.of("/proc/self/stat"))));
            } catch (IOException | RuntimeException notLinux) {
                // left out
            }
            return ticks;
        }
    }

    /** Sends a signal (STOP, CONT) to a process of the stack; false if that failed. */
    private static boolean signal(long pid, String signal) throws InterruptedException {
        try {
            var process = new ProcessBuilder("kill", "-" + signal, String.valueOf(pid)).redirectErrorStream(true).start();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    // ---- Kafka and HTTP helpers --------------------------------------------------------------------------------

    /** Waits until every live family's consumer group has committed the end of its topics, showing progress. */
    private void awaitLiveCaughtUp() throws Exception {
        long start = System.nanoTime();
        long lastReport = start;
        long first = -1;
        while (true) {
            long lag = liveLag();
            if (first < 0) {
                first = lag;
            }
            if (lag == 0) {
                if (first > 0) {
                    progress("  live projection caught up on %,d records in %.1f s", first, (System.nanoTime() - start) / 1e9);
                }
                return;
            }
            if (System.nanoTime() - lastReport > 5_000_000_000L) {
                lastReport = System.nanoTime();
                progress("  live projection behind by %,d records", lag);
            }
            if (System.nanoTime() - start > TimeUnit.MINUTES.toNanos(30)) {
                throw new IllegalStateException("the live projection did not catch up within 30 min (lag " + lag + ")");
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
    }

    /** Records on the family topics not yet committed by the live consumer groups, summed over the families. */
    private long liveLag() throws Exception {
        var partitionsByTopic = new HashMap<String, List<TopicPartition>>();
        admin.describeTopics(Topics.EVENT_TOPICS).allTopicNames().get(30, TimeUnit.SECONDS).forEach((topic, d) ->
                partitionsByTopic.put(topic, d.partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList()));
        var request = new HashMap<TopicPartition, OffsetSpec>();
        partitionsByTopic.values().forEach(ps -> ps.forEach(p -> request.put(p, OffsetSpec.latest())));
        var ends = new HashMap<TopicPartition, Long>();
        admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).forEach((p, info) -> ends.put(p, info.offset()));
        long lag = 0;
        for (var family : FAMILY_TOPICS.entrySet()) {
            var committed = admin.listConsumerGroupOffsets(settings.groupPrefix() + "." + family.getKey())
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            for (var topic : family.getValue()) {
                for (var partition : partitionsByTopic.getOrDefault(topic, List.of())) {
                    var at = committed.get(partition);
                    lag += ends.get(partition) - (at == null ? 0 : at.offset());
                }
            }
        }
        return lag;
    }

    private TopicDescription describe(String topic) throws Exception {
        return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
    }

    private void createTopic(String topic, int partitions, short replicas) throws Exception {
        deleteTopic(topic);
        admin.createTopics(List.of(new NewTopic(topic, Optional.of(partitions), Optional.of(replicas))))
                .all().get(30, TimeUnit.SECONDS);
    }

    private void deleteTopic(String topic) throws Exception {
        if (admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
            admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic) && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(200);
            }
        }
    }

    private JsonNode send(String method, String url, String token) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        var response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return EventCodec.mapper().readTree(response.body());
    }

    private void write() throws IOException {
        Files.writeString(settings.out(), report.json());
    }

    static void progress(String format, Object... args) {
        progressLine(String.format(Locale.ROOT, format, args));
    }

    private static void progress(String line) {
        progressLine(line);
    }

    private static void progressLine(String line) {
        System.out.println(DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC).format(Instant.now())
                + " " + line);
        System.out.flush();
    }

    // ---- settings ----------------------------------------------------------------------------------------------

    static Settings parse(String[] args) {
        var values = new TreeMap<String, String>(Map.of("api", "http://127.0.0.1:18080",
                "worker", "http://127.0.0.1:18081", "kafka", "127.0.0.1:19092", "mongo", "mongodb://127.0.0.1:27118",
                "group-prefix", "tracker-worker", "stack-pid", "0", "out", "target/bench/results.json"));
        String phase = "all";
        boolean table = false;
        boolean quick = false;
        boolean profile = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--no-profile" -> profile = false;
                case "--table" -> table = true;
                case "--phase" -> {
                    phase = i + 1 < args.length ? args[++i] : "";
                    if (!List.of("all", "intake", "projection", "latency", "overload", "rebuild").contains(phase)) {
                        throw new IllegalArgumentException("--phase must be all, intake, projection, latency, overload or rebuild");
                    }
                }
                default -> {
                    var name = args[i].startsWith("--") ? args[i].substring(2) : "";
                    if (!values.containsKey(name) || i + 1 >= args.length) {
                        throw new IllegalArgumentException("unknown option " + args[i] + "; options: --quick, --no-profile, --phase, --table, "
                                + values.keySet().stream().map(k -> "--" + k).toList());
                    }
                    values.put(name, args[++i]);
                }
            }
        }
        long stackPid = Long.parseLong(values.get("stack-pid"));
        var env = System.getenv();
        return new Settings(phase, table || phase.equals("all"), Plan.of(quick), strip(values.get("api")), strip(values.get("worker")), values.get("kafka"),
                values.get("mongo"), values.get("group-prefix"), stackPid, child(stackPid, "tracker-api"),
                child(stackPid, "tracker-worker"), Path.of(values.get("out")), profile,
                require(env, "BENCH_LOAD_TOKEN"), require(env, "BENCH_PROBE_TOKEN"), require(env, "BENCH_ADMIN_TOKEN"));
    }

    /** The pid of the stack's child running {@code module}'s jar, or 0. */
    private static long child(long stackPid, String module) {
        if (stackPid <= 0) {
            return 0;
        }
        return ProcessHandle.of(stackPid).stream().flatMap(ProcessHandle::children)
                .filter(p -> p.info().commandLine().orElse("").contains(module + "-"))
                .mapToLong(ProcessHandle::pid).findFirst().orElse(0);
    }

    private static String require(Map<String, String> env, String name) {
        var value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is not set (infra/bench mints it with infra/token)");
        }
        return value.trim();
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static Map<String, Object> machine(Settings settings) {
        var machine = new LinkedHashMap<String, Object>();
        machine.put("date", Instant.now().toString());
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        try {
            var meminfo = Files.readString(Path.of("/proc/meminfo"));
            machine.put("memoryMiB", BenchReport.procStatusNumber(meminfo, "MemTotal") / 1024);
            var cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?");
            machine.put("cpu", cpu);
        } catch (IOException e) {
            machine.put("memoryMiB", "unknown");
        }
        machine.put("jdk", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("run", settings.plan());
        machine.put("system", Map.of("api", settings.api(), "worker", settings.worker(), "kafka", settings.kafka(),
                "mongo", settings.mongo(), "local", settings.stackPid() > 0));
        return machine;
    }

    private static Map<String, List<String>> familyTopics() {
        var topics = new LinkedHashMap<String, List<String>>();
        topics.put("outreach", List.of(Topics.OUTREACH));
        topics.put("support", List.of(Topics.SUPPORT));
        topics.put("campaign", List.of(Topics.CAMPAIGN));
        // peer involvement counts every family's activity of a peer
        topics.put("involvement", Topics.EVENT_TOPICS);
        topics.put("activity", Topics.EVENT_TOPICS);
        return topics;
    }

    private Benchmark() {
        throw new AssertionError();
    }
}
