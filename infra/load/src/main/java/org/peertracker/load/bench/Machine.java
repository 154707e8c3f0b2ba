package org.peertracker.load.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The report's {@code machine}: where and when it ran, on what, the plan, and the system it measured. */
final class Machine {

    static Map<String, Object> describe(Settings settings) {
        var machine = new LinkedHashMap<String, Object>();
        machine.put("date", Instant.now().toString());
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        try {
            var meminfo = Files.readString(Path.of("/proc/meminfo"));
            machine.put("memoryMiB", ProcFiles.statusNumber(meminfo, "MemTotal") / 1024);
            var cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .orElse("?");
            machine.put("cpu", cpu);
        } catch (IOException e) {
            machine.put("memoryMiB", "unknown");
        }
        machine.put("jdk", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("run", settings.plan());
        machine.put(
                "system",
                Map.of(
                        "api",
                        settings.api(),
                        "worker",
                        settings.worker(),
                        "kafka",
                        settings.kafka(),
                        "mongo",
                        settings.mongo(),
                        "local",
                        settings.stackPid() > 0));
        return machine;
    }

    private Machine() {}
}
