package org.peertracker.load.bench;

import static org.peertracker.load.bench.Progress.progress;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.peertracker.load.RebuildEvents;

/**
 * Step 4, rebuilds: events of every type written straight to the topics, the live projection catching up on them,
 * then each family rebuilt from the log, beside the projection's rate of step 2.
 */
final class RebuildPhase {

    private static final String REBUILD_ORG = "bench-rebuild";

    private final Harness harness;

    RebuildPhase(Harness harness) {
        this.harness = harness;
    }

    /** {@code projection}: the events/s of step 2, the reference. */
    void measure(double projection) throws Exception {
        var plan = harness.plan();
        var report = harness.report();
        var kafka = harness.kafka();
        var rebuilds = new Rebuilds(harness);
        progress(
                "4/5 rebuild: writing %,d events (published form, 80%% outreach contacts, every type) to the topics",
                plan.rebuildEvents());
        double writeSeconds = RebuildEvents.produce(
                harness.settings().kafka(),
                REBUILD_ORG,
                harness.settings().order(),
                plan.rebuildEvents(),
                Progress::progress);
        report.note(
                "order of the outreach events written for step 4",
                harness.settings().order());
        progress(
                "  written in %.1f s (%,.0f events/s); the live projection catches up first",
                writeSeconds, plan.rebuildEvents() / writeSeconds);
        long backlog = kafka.liveLag();
        long catchUpStart = System.nanoTime();
        kafka.awaitLiveCaughtUp();
        double catchUpSeconds = (System.nanoTime() - catchUpStart) / 1e9;
        report.measured(
                "4 rebuild",
                "live projection catching up on the backlog (5 families at once)",
                backlog / Math.max(0.001, catchUpSeconds),
                "records/s",
                Map.of("records", backlog, "seconds", BenchReport.round(catchUpSeconds)));
        var families = List.of("outreach", "activity", "support", "campaign", "involvement");
        var byFamily = new LinkedHashMap<String, List<Rebuilds.Rebuilt>>();
        families.forEach(family -> byFamily.put(family, new ArrayList<>()));
        var roundSeconds = new ArrayList<Double>();
        var roundRates = new ArrayList<Double>();
        long familyEvents = 0;
        for (int round = 0; round < plan.repeats(); round++) {
            progress("  round %d of %d: every family rebuilt, one after another", round + 1, plan.repeats());
            double seconds = 0;
            familyEvents = 0;
            for (var family : families) {
                var rebuilt = rebuilds.rebuild(family, null);
                byFamily.get(family).add(rebuilt);
                seconds += rebuilt.seconds();
                familyEvents += rebuilt.events();
            }
            roundSeconds.add(seconds);
            roundRates.add(familyEvents / seconds);
        }
        byFamily.forEach((family, rebuilt) -> report.against(
                "4 rebuild",
                "rebuild of " + family + ", "
                        + String.format("%,d", rebuilt.getFirst().events()) + " events",
                new Runs(rebuilt.stream().map(Rebuilds.Rebuilt::eventsPerSecond).toList()),
                "events/s",
                "projection (2)",
                projection,
                0,
                Map.of("rebuilds", rebuilt)));
        // a family projects each event of its topics once: activity and involvement read every topic, so the whole
        // rebuild projects each event two or three times; its rate in family-events/s is the one to set beside (2)
        report.against(
                "4 rebuild",
                "all five families one after another: " + String.format("%,d", plan.rebuildEvents())
                        + " events, projected " + String.format("%,d", familyEvents) + " times",
                new Runs(roundRates),
                "family-events/s",
                "projection (2)",
                projection,
                0.7,
                Map.of("events", plan.rebuildEvents(), "familyEvents", familyEvents));
        var seconds = new Runs(roundSeconds);
        report.below(
                "4 rebuild",
                "all five families, " + String.format("%,d", plan.rebuildEvents()) + " events: time (" + seconds.label()
                        + ")",
                seconds.median(),
                "s",
                120,
                Map.of("runs", seconds.details()));
    }
}
