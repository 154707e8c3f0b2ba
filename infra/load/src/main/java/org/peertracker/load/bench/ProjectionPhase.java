package org.peertracker.load.bench;

import static org.peertracker.load.bench.Progress.progress;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import org.peertracker.events.EventType;
import org.peertracker.events.Topics;
import org.peertracker.load.RawBulkWrite;
import org.peertracker.load.RebuildEvents;

/**
 * Step 2, projection: a rebuild of outreach from contacts written straight to its topic, beside raw unordered
 * bulkWrites of the same upserts ({@link RawBulkWrite}).
 */
final class ProjectionPhase {

    private final Harness harness;

    ProjectionPhase(Harness harness) {
        this.harness = harness;
    }

    /** Returns the projection's events/s (second rebuild of outreach), the base of step 4. */
    double measure() throws Exception {
        var plan = harness.plan();
        var settings = harness.settings();
        var rebuilds = new Rebuilds(harness);
        var order = settings.order();
        progress(
                "2/5 projection: writing %,d contacts of the rebuild's mix (20,000 sessions, 90 days, 8 areas; %s order) to %s",
                plan.projectionEvents(), order, Topics.OUTREACH);
        var mix = new RebuildEvents(Harness.LOAD_ORG, order);
        double writeSeconds = RebuildEvents.produce(
                settings.kafka(),
                plan.projectionEvents(),
                () -> mix.next(EventType.OUTREACH_CONTACT_RECORDED),
                Progress::progress);
        progress(
                "  written in %.1f s; the live projection catches up, then outreach is rebuilt once and the "
                        + "reference run once, both to warm up (neither counts)",
                writeSeconds);
        harness.kafka().awaitLiveCaughtUp();
        var warmup = rebuilds.rebuild("outreach", null);
        int events = (int) Math.max(50_000, Math.min(500_000, warmup.events()));
        progress(
                "  then %d rounds of: a rebuild of outreach, and the reference — raw unordered bulkWrite of the same "
                        + "upserts for %,d contacts of the same mix — so that drift of the machine falls on both",
                plan.repeats(), events);
        progress("  reference warm-up: %,.0f events/s", events / RawBulkWrite.run(settings.mongo(), events, order));
        var cpu = harness.processes().cpuUse();
        var rebuilt = new ArrayList<Rebuilds.Rebuilt>();
        var rawRuns = new ArrayList<Double>();
        for (int round = 0; round < plan.repeats(); round++) {
            rebuilt.add(rebuilds.rebuild("outreach", null));
            double rawSeconds = RawBulkWrite.run(settings.mongo(), events, order);
            rawRuns.add(events / rawSeconds);
            progress("  raw bulkWrite: %,.0f events/s", rawRuns.getLast());
        }
        var cores = cpu.cores();
        progress("    cores used meanwhile: %s", cores);
        harness.report().note("cores used during the measured rebuilds of outreach and the references", cores);
        if (settings.profile()) {
            rebuilds.rebuild("outreach", "projection");
        }
        var projection =
                new Runs(rebuilt.stream().map(Rebuilds.Rebuilt::eventsPerSecond).toList());
        var raw = new Runs(rawRuns);
        var details = new LinkedHashMap<String, Object>();
        details.put("warmupRun", warmup);
        details.put("rebuilds", rebuilt);
        details.put("referenceEvents", events);
        harness.report()
                .against(
                        "2 projection",
                        "rebuild of outreach, " + String.format("%,d", warmup.events()) + " events, " + order
                                + " order",
                        projection,
                        "events/s",
                        "raw driver bulkWrite, unordered",
                        raw,
                        1.0,
                        details);
        return projection.median();
    }
}
