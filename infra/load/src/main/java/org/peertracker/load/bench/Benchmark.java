package org.peertracker.load.bench;

import static org.peertracker.load.bench.Progress.progress;

import java.nio.file.Files;

/**
 * {@code infra/bench}: measures the running system beside a reference measured in the same run on the same machine —
 * intake against Kafka's producer perf tool, projection against raw unordered bulkWrites, end-to-end latency at a
 * share of the measured maximum intake, rebuilds from a large log against the projection, and peak memory — then
 * writes {@code results.json} and prints a markdown table. Runs in a JVM of its own, never in the API's.
 *
 * <p>This class picks the phases; each phase is a class of its own ({@link IntakePhase}, {@link ProjectionPhase},
 * {@link LatencyPhase}, {@link OverloadPhase}, {@link RebuildPhase}, {@link MemoryPhase}).
 */
public final class Benchmark {

    private final Harness harness;
    private final long started = System.nanoTime();

    private Benchmark(Harness harness) {
        this.harness = harness;
    }

    public static void main(String[] args) throws Exception {
        var settings = Settings.parse(args, System.getenv());
        var processes = StackProcesses.of(settings);
        var phase = settings.phase();
        // a later phase carries on the report of the earlier ones, which ran on stacks of their own
        var report = !phase.equals("all") && !phase.equals("intake") && Files.exists(settings.out())
                ? BenchReport.read(Files.readString(settings.out()))
                : new BenchReport(Machine.describe(settings));
        try (var kafka = new Kafka(settings.kafka(), settings.groupPrefix())) {
            var profiles =
                    new Profiles(settings.profile(), processes, settings.out().getParent(), report);
            new Benchmark(new Harness(settings, report, processes, profiles, kafka)).run();
        }
    }

    private void run() throws Exception {
        var settings = harness.settings();
        var report = harness.report();
        Files.createDirectories(settings.out().getParent());
        progress(
                "benchmark (%s run): api %s, worker %s, Kafka %s, MongoDB %s",
                settings.plan().quick() ? "quick" : "full",
                settings.api(),
                settings.worker(),
                settings.kafka(),
                settings.mongo());
        // a phase run again replaces what it measured before
        report.drop(f -> measuredBy(settings.phase(), f));
        switch (settings.phase()) {
            case "intake" -> new IntakePhase(harness).measure();
            case "privacy" -> new IntakePhase(harness).measurePrivacy(earlier("1 intake"));
            case "projection" -> new ProjectionPhase(harness).measure();
            case "latency" -> new LatencyPhase(harness).measure(earlier("1 intake"));
            case "overload" -> new OverloadPhase(harness).measure(earlier("1 intake"));
            case "rebuild" -> new RebuildPhase(harness).measure(earlier("2 projection"));
            default -> {
                double maxIntake = new IntakePhase(harness).measure();
                harness.write();
                new IntakePhase(harness).measurePrivacy(maxIntake);
                harness.write();
                double projection = new ProjectionPhase(harness).measure();
                harness.write();
                new LatencyPhase(harness).measure(maxIntake);
                harness.write();
                new OverloadPhase(harness).measure(maxIntake);
                harness.write();
                new RebuildPhase(harness).measure(projection);
            }
        }
        harness.write();
        new MemoryPhase(harness).measure(stepsOf(settings.phase()));
        harness.write();
        progress(
                "%s done in %.1f min; results in %s",
                settings.phase().equals("all") ? "benchmark" : "phase " + settings.phase(),
                (System.nanoTime() - started) / 60e9,
                settings.out());
        if (settings.table()) {
            System.out.println();
            System.out.println(report.table());
        }
    }

    /** The steps a phase measures, as its memory figures name them. */
    static String stepsOf(String phase) {
        return switch (phase) {
            case "intake" -> "step 1";
            case "privacy" -> "step 1 (privacy)";
            case "projection" -> "step 2";
            case "latency" -> "step 3 (sustained rates)";
            case "overload" -> "step 3 (shares of max intake)";
            case "rebuild" -> "step 4";
            default -> "steps 1–4";
        };
    }

    /** Whether a figure is one the phase measures (and so replaces when it runs again). */
    static boolean measuredBy(String phase, BenchReport.Figure figure) {
        if (figure.measure().contains(" over " + stepsOf(phase) + ",")) {
            return true;
        }
        var step = figure.step();
        boolean ofMax = figure.measure().contains("of max intake");
        boolean privacy = figure.measure().contains(IntakePhase.PRIVACY_MIX);
        return switch (phase) {
            case "intake" -> step.startsWith("1") && !privacy;
            case "privacy" -> step.startsWith("1") && privacy;
            case "projection" -> step.startsWith("2");
            case "latency" -> step.startsWith("3") && !ofMax;
            case "overload" -> step.startsWith("3") && ofMax;
            case "rebuild" -> step.startsWith("4");
            default -> false;
        };
    }

    /** The first figure of a step measured by an earlier phase of this run, read back from {@code out}. */
    private double earlier(String step) {
        return harness.report()
                .first(step)
                .map(BenchReport.Figure::value)
                .orElseThrow(() -> new IllegalStateException("no figure of step '" + step + "' in "
                        + harness.settings().out() + ": run the earlier phases first"));
    }
}
