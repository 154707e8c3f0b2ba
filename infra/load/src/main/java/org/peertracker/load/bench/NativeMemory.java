package org.peertracker.load.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * What a JVM's memory holds, by the JVM's own account: {@code jcmd PID VM.native_memory summary} of a process started
 * with {@code -XX:NativeMemoryTracking=summary} ({@code infra/bench --nmt}), committed KiB by category (Java Heap,
 * Class, Thread, Code, GC, Compiler, Internal, Other, Symbol, …). Committed is not resident (a page committed but never
 * touched takes no RAM), but the largest categories are where a resident set that outgrows its heap goes.
 */
final class NativeMemory {

    private static final Pattern TOTAL = Pattern.compile("Total: reserved=(\\d+)KB, committed=(\\d+)KB");
    private static final Pattern CATEGORY =
            Pattern.compile("(?m)^-\\s+(.+?) \\(reserved=(\\d+)KB, committed=(\\d+)KB\\)");

    /** Committed MiB by category, largest first, with the total first; empty when the process does not track. */
    static Map<String, Double> summary(long pid) {
        var jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (pid <= 0 || !Files.isExecutable(jcmd)) {
            return Map.of();
        }
        try {
            var process = new ProcessBuilder(
                            List.of(jcmd.toString(), String.valueOf(pid), "VM.native_memory", "summary"))
                    .redirectErrorStream(true)
                    .start();
            var output = new String(process.getInputStream().readAllBytes());
            return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0 ? parse(output) : Map.of();
        } catch (IOException e) {
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        }
    }

    /** The committed MiB of the summary's total and of each category, largest first. */
    static Map<String, Double> parse(String summary) {
        var total = TOTAL.matcher(summary);
        if (!total.find()) {
            return Map.of();
        }
        var categories = new LinkedHashMap<String, Double>();
        categories.put("Total", mib(total.group(2)));
        var category = CATEGORY.matcher(summary);
        var found = new LinkedHashMap<String, Double>();
        while (category.find()) {
            found.put(category.group(1).trim(), mib(category.group(3)));
        }
        found.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> categories.put(e.getKey(), e.getValue()));
        return categories;
    }

    private static double mib(String kib) {
        return BenchReport.round(Long.parseLong(kib) / 1024.0);
    }

    private NativeMemory() {}
}
