package org.peertracker.load.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The intake's reference: Kafka's stock producer perf tool ({@code org.apache.kafka.tools.ProducerPerformance}, from
 * this module's target/lib), in a process of its own so that its CPU time counts apart from the load generator's.
 */
final class ProducerPerformance {

    /** The tool's topic, made beside the intake's with as many partitions and replicas. */
    static final String TOPIC = "bench.producer-perf";

    /** The last summary line of the tool. */
    record Summary(
            long records,
            double recordsPerSecond,
            double mbPerSecond,
            double avgLatencyMs,
            double maxLatencyMs,
            double p50Ms,
            double p95Ms,
            double p99Ms,
            double p999Ms) {

        private static final Pattern SUMMARY = Pattern.compile(
                "(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\), ([\\d.]+) ms avg latency, "
                        + "([\\d.]+) ms max latency, (\\d+) ms 50th, (\\d+) ms 95th, (\\d+) ms 99th, (\\d+) ms 99.9th");

        /** The summary in the tool's output, or null if it has none (it failed). */
        static Summary parse(String output) {
            Summary last = null;
            for (var line : output.split("\\R")) {
                var m = SUMMARY.matcher(line);
                if (m.find()) {
                    last = new Summary(
                            Long.parseLong(m.group(1)),
                            Double.parseDouble(m.group(2)),
                            Double.parseDouble(m.group(3)),
                            Double.parseDouble(m.group(4)),
                            Double.parseDouble(m.group(5)),
                            Double.parseDouble(m.group(6)),
                            Double.parseDouble(m.group(7)),
                            Double.parseDouble(m.group(8)),
                            Double.parseDouble(m.group(9)));
                }
            }
            return last;
        }
    }

    /** Sends {@code records} of {@code recordSize} bytes to {@link #TOPIC}; {@code rate} -1 for as fast as it goes. */
    static Summary run(String bootstrap, long records, int recordSize, int rate) throws Exception {
        var lib = Path.of(ProducerPerformance.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        var classpath = lib.toString() + ":" + lib.resolveSibling("lib") + "/*";
        if (!Files.isDirectory(lib)) {
            classpath = lib.getParent().resolve("lib") + "/*:" + lib;
        }
        var command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-cp",
                classpath,
                "org.apache.kafka.tools.ProducerPerformance",
                "--topic",
                TOPIC,
                "--num-records",
                String.valueOf(records),
                "--record-size",
                String.valueOf(recordSize),
                "--throughput",
                String.valueOf(rate),
                "--producer-props",
                "bootstrap.servers=" + bootstrap,
                "acks=all",
                "enable.idempotence=true",
                "linger.ms=5");
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes());
        process.waitFor(10, TimeUnit.MINUTES);
        var summary = Summary.parse(output);
        if (summary == null) {
            throw new IllegalStateException("ProducerPerformance gave no summary:\n" + output);
        }
        return summary;
    }

    private ProducerPerformance() {}
}
