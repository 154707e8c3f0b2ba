package org.peertracker.load.bench;

import static org.peertracker.load.bench.Progress.progress;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * JFR recordings of the stack's processes during a measured step, each written to {@code NAME-PROCESS.jfr} beside
 * the results and summed into the report's notes; none with {@code --no-profile}.
 */
final class Profiles {

    private final boolean enabled;
    private final StackProcesses processes;
    private final Path dir;
    private final BenchReport report;

    Profiles(boolean enabled, StackProcesses processes, Path dir, BenchReport report) {
        this.enabled = enabled;
        this.processes = processes;
        this.dir = dir;
        this.report = report;
    }

    /** Starts recordings of the named processes (api, worker, embedded-mongodb) where their pids are known. */
    boolean start(String name, String... names) {
        if (!enabled) {
            return false;
        }
        boolean any = false;
        for (var process : processes.profiled(names).entrySet()) {
            any |= Jfr.start(process.getValue(), "bench-" + name, file(name, process.getKey()));
        }
        return any;
    }

    /** Stops the recordings {@link #start} began and notes their summaries as {@code profile NAME}. */
    void stop(String name, String... names) {
        var summaries = new LinkedHashMap<String, Object>();
        for (var process : processes.profiled(names).entrySet()) {
            if (Jfr.stop(process.getValue(), "bench-" + name)) {
                var file = file(name, process.getKey());
                try {
                    var summary = Jfr.summary(file, 12);
                    summary.put("file", file.toString());
                    summaries.put(process.getKey(), summary);
                    progress(
                            "  profile of %s during %s: %s; top frames %s",
                            process.getKey(),
                            name,
                            ((List<?>) summary.get("topPackages"))
                                    .stream().limit(4).toList(),
                            ((List<?>) summary.get("topFrames"))
                                    .stream().limit(3).toList());
                } catch (IOException e) {
                    progress("  profile of %s during %s unreadable: %s", process.getKey(), name, e.getMessage());
                }
            }
        }
        report.note("profile " + name, summaries);
    }

    private Path file(String name, String process) {
        return dir.resolve(name + "-" + process + ".jfr").toAbsolutePath();
    }
}
