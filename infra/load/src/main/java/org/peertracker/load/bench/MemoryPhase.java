package org.peertracker.load.bench;

import static org.peertracker.load.bench.Progress.progress;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Step 5, memory: the peak resident set of the api and the worker over the steps just measured, read after each phase. */
final class MemoryPhase {

    private final Harness harness;

    MemoryPhase(Harness harness) {
        this.harness = harness;
    }

    /** {@code steps}: the steps the figures cover, as their measures name them (e.g. "step 1"). */
    void measure(String steps) throws IOException {
        var processes = harness.processes();
        progress("5/5 memory: peak resident set (VmHWM) of the api and the worker over %s", steps);
        for (var process : List.of(Map.entry("api", processes.apiPid()), Map.entry("worker", processes.workerPid()))) {
            if (process.getValue() <= 0) {
                progress("  %s: no pid known (an external system); not measured", process.getKey());
                continue;
            }
            var status = Files.readString(Path.of("/proc", String.valueOf(process.getValue()), "status"));
            double peak = ProcFiles.statusNumber(status, "VmHWM") / 1024.0;
            // where it goes, when the stack runs with native memory tracking (infra/bench --nmt)
            var nativeMemory = NativeMemory.summary(process.getValue());
            if (!nativeMemory.isEmpty()) {
                progress("    %s committed by category (MiB): %s", process.getKey(), nativeMemory);
                harness.report()
                        .note(
                                "native memory of the " + process.getKey() + " at the end of " + steps
                                        + ", committed MiB",
                                nativeMemory);
            }
            double now = ProcFiles.statusNumber(status, "VmRSS") / 1024.0;
            long threads = ProcFiles.statusNumber(status, "Threads");
            progress(
                    "  %s (pid %d): peak %.0f MiB, now %.0f MiB, %d threads",
                    process.getKey(), process.getValue(), peak, now, threads);
            harness.report()
                    .below(
                            "5 memory",
                            process.getKey() + " peak RSS (VmHWM) over " + steps + ", -Xmx256m",
                            peak,
                            "MiB",
                            400,
                            Map.of(
                                    "pid",
                                    process.getValue(),
                                    "rssNowMiB",
                                    BenchReport.round(now),
                                    "threadsNow",
                                    threads));
        }
    }
}
