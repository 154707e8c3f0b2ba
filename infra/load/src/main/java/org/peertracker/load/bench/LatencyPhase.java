package org.peertracker.load.bench;

import static org.peertracker.load.bench.Progress.progress;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.peertracker.events.Topics;

/**
 * Step 3 at shares of the sustained rate: the rate the whole system sustains (found first), then the latency at 25,
 * 50 and 75% of it. On 2 cores the intake alone takes more events than the projection beside it can apply, and above
 * that rate a backlog grows for as long as the load lasts, whatever the latency of one event.
 */
final class LatencyPhase {

    private final Harness harness;
    private final EndToEnd endToEnd;

    LatencyPhase(Harness harness) {
        this.harness = harness;
        this.endToEnd = new EndToEnd(harness);
    }

    void measure(double maxIntake) throws Exception {
        endToEnd.warmUp();
        int sustained = sustainedRate(maxIntake);
        for (int percent : List.of(25, 50, 75)) {
            endToEnd.measure("sustained", sustained, percent, percent == 50 ? 100 : 0);
        }
    }

    /**
     * The highest rate of batches of 100 at which the live projection keeps up with the intake, by bisection between 0
     * and the maximum intake: a rate is sustained when, at the end of a run at it, every family that reads the contacts
     * is less than one second of them behind.
     */
    private int sustainedRate(double maxIntake) throws Exception {
        var tried = new ArrayList<Map<String, Object>>();
        var found = Runs.of(harness.plan().repeats(), () -> bisect(maxIntake, tried));
        int sustained = (int) found.median();
        progress(
                "  sustained end to end: %,d events/s (%.0f%% of the maximum intake; %s)",
                sustained, 100.0 * sustained / maxIntake, found.label());
        harness.report()
                .against(
                        "3 end-to-end",
                        "highest rate the system sustains end to end (projection keeps up)",
                        found,
                        "events/s",
                        "maximum intake (1)",
                        maxIntake,
                        0.5,
                        Map.of("bisections", tried));
        return sustained;
    }

    /** One bisection; what it tried goes to {@code tried}. */
    private int bisect(double maxIntake, List<Map<String, Object>> bisections) throws Exception {
        var plan = harness.plan();
        var kafka = harness.kafka();
        int seconds = plan.quick() ? 8 : 10;
        int families = (int) Kafka.FAMILY_TOPICS.values().stream()
                .filter(topics -> topics.contains(Topics.OUTREACH))
                .count();
        int low = 0;
        int high = (int) maxIntake;
        var tried = new LinkedHashMap<String, Object>();
        for (int step = 0; step < (plan.quick() ? 4 : 5); step++) {
            int rate = (low + high) / 2;
            kafka.awaitLiveCaughtUp();
            var run = harness.load(100, 32, seconds, rate);
            long lag = kafka.liveLag();
            boolean kept = lag <= (long) families * rate && run.eventsPerSecond() >= 0.95 * rate;
            progress(
                    "  sustained? %,d events/s offered for %d s: %,.0f accepted, projection %,d records behind at the end: %s",
                    rate, seconds, run.eventsPerSecond(), lag, kept ? "kept up" : "fell behind");
            tried.put(
                    String.valueOf(rate),
                    Map.of("accepted", BenchReport.round(run.eventsPerSecond()), "lagAtEnd", lag, "keptUp", kept));
            if (kept) {
                low = rate;
            } else {
                high = rate;
            }
        }
        kafka.awaitLiveCaughtUp();
        int sustained = Math.max(low, 100);
        progress("  bisection %d: %,d events/s", bisections.size() + 1, sustained);
        bisections.add(Map.of("runSeconds", seconds, "tried", tried, "sustained", sustained));
        return sustained;
    }
}
