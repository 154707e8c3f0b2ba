package org.peertracker.load.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** CPU time of some processes over an interval, as cores used on average (1.0 = one core all the time). */
record CpuUse(Map<String, Long> pids, Map<String, Long> ticks, long startNanos) {

    static CpuUse start(Map<String, Long> pids) {
        return new CpuUse(pids, ticks(pids), System.nanoTime());
    }

    Map<String, Double> cores() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        var now = ticks(pids);
        var cores = new LinkedHashMap<String, Double>();
        // Linux counts in ticks of 1/100 s (USER_HZ)
        now.forEach((name, t) ->
                cores.put(name, Math.round((t - ticks.getOrDefault(name, t)) / 100.0 / seconds * 100) / 100.0));
        return cores;
    }

    private static Map<String, Long> ticks(Map<String, Long> pids) {
        var ticks = new LinkedHashMap<String, Long>();
        pids.forEach((name, pid) -> {
            try {
                ticks.put(name, ProcFiles.cpuTicks(Files.readString(Path.of("/proc", pid.toString(), "stat"))));
            } catch (IOException | RuntimeException gone) {
                // not on Linux, or the process is gone: left out
            }
        });
        try {
            // the processes this one started and waited for: ProducerPerformance
            ticks.put("ProducerPerformance", ProcFiles.childCpuTicks(Files.readString(Path.of("/proc/self/stat"))));
        } catch (IOException | RuntimeException notLinux) {
            // left out
        }
        return ticks;
    }
}
