package org.peertracker.load.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the time goes: a JFR recording of a process of the stack during a step ({@code jcmd PID JFR.start}), and its
 * execution samples summed by top frame, by package and by thread.
 */
final class Jfr {

    /** Starts a recording named {@code name}; false if the process cannot be attached to. */
    static boolean start(long pid, String name, Path file) {
        return jcmd(pid, "JFR.start", "name=" + name, "settings=profile", "filename=" + file.toAbsolutePath());
    }

    /** Stops the recording, which writes its file. */
    static boolean stop(long pid, String name) {
        return jcmd(pid, "JFR.stop", "name=" + name);
    }

    /** The execution samples of a recording, summed; each list holds its {@code top} largest shares. */
    static Map<String, Object> summary(Path file, int top) throws IOException {
        var frames = new HashMap<String, Integer>();
        var packages = new HashMap<String, Integer>();
        var threads = new HashMap<String, Integer>();
        int samples = 0;
        for (var event : RecordingFile.readAllEvents(file)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample")
                    || event.getStackTrace() == null
                    || event.getStackTrace().getFrames().isEmpty()) {
                continue;
            }
            samples++;
            RecordedFrame frame = event.getStackTrace().getFrames().getFirst();
            var type = frame.getMethod().getType().getName();
            frames.merge(type + "." + frame.getMethod().getName(), 1, Integer::sum);
            packages.merge(packageOf(type), 1, Integer::sum);
            var thread = event.getThread("sampledThread");
            var threadName = thread == null ? "?" : thread.getJavaName();
            threads.merge(threadName == null ? "?" : threadName.replaceAll("\\d+", "#"), 1, Integer::sum);
        }
        var summary = new LinkedHashMap<String, Object>();
        summary.put("samples", samples);
        summary.put("topFrames", shares(frames, samples, top));
        summary.put("topPackages", shares(packages, samples, top));
        summary.put("topThreads", shares(threads, samples, top));
        return summary;
    }

    /** The first three parts of a package name (e.g. {@code com.mongodb.internal}), which say whose code runs. */
    static String packageOf(String type) {
        var parts = type.split("\\.");
        int n = Math.min(3, Math.max(1, parts.length - 1));
        return String.join(".", List.of(parts).subList(0, n));
    }

    private static List<String> shares(Map<String, Integer> counts, int samples, int top) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(top)
                .map(e -> String.format(Locale.ROOT, "%.1f%% %s", 100.0 * e.getValue() / samples, e.getKey()))
                .toList();
    }

    private static boolean jcmd(long pid, String... command) {
        var jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            return false;
        }
        var args = new ArrayList<>(List.of(jcmd.toString(), String.valueOf(pid)));
        args.addAll(List.of(command));
        try {
            var process = new ProcessBuilder(args).redirectErrorStream(true).start();
            var output = new String(process.getInputStream().readAllBytes());
            return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0 && !output.contains("Exception");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Jfr() {}
}
