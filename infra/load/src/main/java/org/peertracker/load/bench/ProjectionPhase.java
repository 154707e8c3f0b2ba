package org.peertracker.load.bench;

import static org.peertracker.load.bench.Progress.progress;

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
        progress(
                "2/5 projection: writing %,d contacts of the rebuild's mix (20,000 sessions, 90 days, 8 areas) to %s",
                plan.projectionEvents(), Topics.OUTREACH);
        var mix = new RebuildEvents(Harness.LOAD_ORG);
        double writeSeconds = RebuildEvents.produce(
                settings.kafka(),
                plan.projectionEvents(),
                () -> mix.next(EventType.OUTREACH_CONTACT_RECORDED),
                Progress::progress);
        progress(
                "  written in %.1f s; the live projection catches up, then outreach is rebuilt twice (the second, "
                        + "JIT warm, counts), then once profiled",
                writeSeconds);
        harness.kafka().awaitLiveCaughtUp();
        var first = rebuilds.rebuild("outreach", null);
        var cpu = harness.processes().cpuUse();
        var second = rebuilds.rebuild("outreach", null);
        var secondCpu = cpu.cores();
        progress("    cores used meanwhile: %s", secondCpu);
        harness.report().note("cores used during the measured rebuild of outreach", secondCpu);
        if (settings.profile()) {
            rebuilds.rebuild("outreach", "projection");
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
        harness.report()
                .against(
                        "2 projection",
                        "rebuild of outreach (2nd run), " + String.format("%,d", second.events()) + " events",
                        second.eventsPerSecond(),
                        "events/s",
                        "raw driver bulkWrite, unordered",
                        raw,
                        0.7,
                        details);
        return second.eventsPerSecond();
    }
}
