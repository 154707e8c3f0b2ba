package org.peertracker.load.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.peertracker.events.EventCodec;

class BenchReportTest {

    @Test
    void takesTheNearestRankPercentile() {
        long[] values = new long[1000];
        for (int i = 0; i < values.length; i++) {
            values[values.length - 1 - i] = i + 1;
        }
        assertThat(BenchReport.percentile(values, 50)).isEqualTo(500);
        assertThat(BenchReport.percentile(values, 99)).isEqualTo(990);
        assertThat(BenchReport.percentile(values, 99.9)).isEqualTo(999);
        assertThat(BenchReport.percentile(values, 100)).isEqualTo(1000);
        assertThat(BenchReport.percentile(new long[] {7}, 99.9)).isEqualTo(7);
        assertThat(BenchReport.percentile(new long[0], 50)).isNaN();
    }

    @Test
    void ratioIsValueOverReferenceAndNothingWithoutAReference() {
        assertThat(BenchReport.ratio(620, 1000)).isEqualTo(0.62);
        assertThat(BenchReport.ratio(1, 3)).isEqualTo(0.333);
        assertThat(BenchReport.ratio(5, 0)).isNull();
        assertThat(BenchReport.ratio(5, Double.NaN)).isNull();
    }

    @Test
    void judgesTargetsAgainstTheReferenceOrALimit() {
        var report = new BenchReport(Map.of("cores", 2));
        var intake =
                report.against("1 intake", "batches of 100", 4000, "events/s", "producer perf", 10000, 0.5, Map.of());
        var projection =
                report.against("2 projection", "rebuild", 8000, "events/s", "raw bulkWrite", 10000, 0.7, Map.of());
        var latency = report.below("3 end-to-end", "p99 at 50%", 120, "ms", 500, Map.of());
        var info = report.measured("3 end-to-end", "p50 at 50%", 31.25, "ms", Map.of());

        assertThat(intake.ratio()).isEqualTo(0.4);
        assertThat(intake.met()).isFalse();
        assertThat(projection.met()).isTrue();
        assertThat(latency.met()).isTrue();
        assertThat(info.met()).isNull();
        assertThat(info.value()).isEqualTo(31.3);
        assertThat(report.json()).contains("\"targetsMet\" : \"2 of 3\"").contains("\"cores\" : 2");
    }

    @Test
    void carriesOnAReportFromItsJson() {
        var report = new BenchReport(Map.of("cores", 2));
        report.against("2 projection", "rebuild", 8000, "events/s", "raw bulkWrite", 10000, 0.7, Map.of("events", 5));
        report.note("profile", Map.of("samples", 3));

        var read = BenchReport.read(report.json());
        read.below("5 memory", "worker peak RSS", 600, "MiB", 512, Map.of());

        assertThat(read.first("2 projection")).get().isEqualTo(report.figures().getFirst());
        assertThat(read.figures()).hasSize(2);
        assertThat(read.json())
                .contains("\"cores\" : 2")
                .contains("\"samples\" : 3")
                .contains("\"targetsMet\" : \"1 of 2\"");
    }

    @Test
    void formatsAMarkdownTable() {
        var report = new BenchReport(Map.of());
        report.against("1 intake", "batches of 100", 4321.4, "events/s", "producer perf", 12345.6, 0.5, Map.of());
        report.below("5 memory", "api peak RSS", 400.25, "MiB", 512, Map.of());

        assertThat(report.table()).isEqualTo("""
                | step | measure | value | reference | ratio | target | met |
                |---|---|---:|---|---:|---|---|
                | 1 intake | batches of 100 | 4,321 events/s | producer perf: 12,346 events/s | 35% | ≥ 50% of reference | **no** |
                | 5 memory | api peak RSS | 400 MiB |  |  | < 512 MiB | yes |
                """);
        assertThat(BenchReport.number(12.34)).isEqualTo("12.3");
        assertThat(BenchReport.number(Double.NaN)).isEqualTo("n/a");
    }

    @Test
    void writesThePlanAndWhatTheStepsRecordUnderTheNamesOfTheirFields() {
        var report = new BenchReport(Map.of("run", Plan.of(true)));
        report.against(
                "1 intake",
                "batches",
                1,
                "events/s",
                "producer perf",
                2,
                0,
                Map.of(
                        "reference",
                        new ProducerPerformance.Summary(500_000, 61842.1, 23.59, 10.62, 412, 7, 25, 61, 180)));
        report.measured(
                "4 rebuild",
                "outreach",
                1,
                "events/s",
                Map.of("rebuild", new Rebuilds.Rebuilt("outreach", 2, 1000, 0.5, 2000)));

        var json = EventCodec.mapper().readTree(report.json());

        assertThat(json.path("machine").path("run").propertyNames())
                .containsExactly(
                        "quick",
                        "repeats",
                        "warmupSeconds",
                        "warmupRounds",
                        "warmupRoundSeconds",
                        "intakeSeconds",
                        "singleSeconds",
                        "fixedSeconds",
                        "endToEndSeconds",
                        "probesPerSecond",
                        "perfRecords",
                        "projectionEvents",
                        "rebuildEvents");
        assertThat(json.path("figures").get(0).path("details").path("reference").propertyNames())
                .containsExactly(
                        "records",
                        "recordsPerSecond",
                        "mbPerSecond",
                        "avgLatencyMs",
                        "maxLatencyMs",
                        "p50Ms",
                        "p95Ms",
                        "p99Ms",
                        "p999Ms");
        assertThat(json.path("figures").get(1).path("details").path("rebuild").propertyNames())
                .containsExactly("family", "generation", "events", "seconds", "eventsPerSecond");
    }
}
