package org.peertracker.load.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchmarkTest {

    @Test
    void aPhaseRunAgainReplacesTheFiguresOfItsStepAndTheMemoryItsStepTook() {
        var intake = figure("1 intake", "POST /events, batches of 100, 8 clients, max");
        var projection = figure("2 projection", "rebuild of outreach (2nd run), 500,000 events");
        var sustained = figure("3 end-to-end", "202 → readable at 50% of sustained (3,054 events/s): p99");
        var overload = figure("3 end-to-end", "202 → readable at 50% of max intake (13,963 events/s): p99");
        var memoryOfIntake = figure("5 memory", "api peak RSS (VmHWM) over step 1, -Xmx256m");
        var memoryOfOverload = figure("5 memory", "api peak RSS (VmHWM) over step 3 (shares of max intake), -Xmx256m");
        var privacy = figure("1 intake", "privacy mix: batches of 100, 20% contacts with a client code: median of 3");
        var privacyAtRate = figure("1 intake", "… the privacy mix at 9280 events/s: p99");
        var memoryOfPrivacy = figure("5 memory", "worker peak RSS (VmHWM) over step 1 (privacy), -Xmx256m");

        assertThat(Benchmark.measuredBy("intake", intake)).isTrue();
        assertThat(Benchmark.measuredBy("intake", memoryOfIntake)).isTrue();
        assertThat(Benchmark.measuredBy("intake", projection)).isFalse();
        assertThat(Benchmark.measuredBy("intake", memoryOfOverload)).isFalse();
        assertThat(Benchmark.measuredBy("latency", sustained)).isTrue();
        assertThat(Benchmark.measuredBy("latency", overload)).isFalse();
        assertThat(Benchmark.measuredBy("overload", overload)).isTrue();
        assertThat(Benchmark.measuredBy("overload", memoryOfOverload)).isTrue();
        assertThat(Benchmark.measuredBy("overload", sustained)).isFalse();
        // step 1's privacy part runs on a stack of its own: neither part replaces the other's figures
        assertThat(Benchmark.measuredBy("intake", privacy)).isFalse();
        assertThat(Benchmark.measuredBy("intake", privacyAtRate)).isFalse();
        assertThat(Benchmark.measuredBy("intake", memoryOfPrivacy)).isFalse();
        assertThat(Benchmark.measuredBy("privacy", privacy)).isTrue();
        assertThat(Benchmark.measuredBy("privacy", privacyAtRate)).isTrue();
        assertThat(Benchmark.measuredBy("privacy", memoryOfPrivacy)).isTrue();
        assertThat(Benchmark.measuredBy("privacy", intake)).isFalse();
        assertThat(Benchmark.measuredBy("privacy", memoryOfIntake)).isFalse();
    }

    private static BenchReport.Figure figure(String step, String measure) {
        return new BenchReport(Map.of()).measured(step, measure, 1, "x", Map.of());
    }
}
