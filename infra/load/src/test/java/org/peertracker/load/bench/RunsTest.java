package org.peertracker.load.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunsTest {

    @Test
    void theFigureOfRepeatedRunsIsTheirMedianWithTheirRangeBesideIt() {
        var odd = new Runs(List.of(12_000.0, 9_000.0, 11_000.0));
        var even = new Runs(List.of(4.0, 1.0, 3.0, 2.0));

        assertThat(odd.median()).isEqualTo(11_000.0);
        assertThat(even.median()).isEqualTo(2.5);
        assertThat(odd.spread()).isCloseTo(3_000.0 / 11_000, within(1e-9));
        assertThat(odd.label()).isEqualTo("median of 3, range 9,000–12,000");
        assertThat(odd.details()).containsEntry("runs", List.of(12_000.0, 9_000.0, 11_000.0));
    }

    @Test
    void aWarmUpEndsWhenThreeRoundsInARowAgreeWithinFivePercent() throws Exception {
        // the JIT still compiling: rising by more than 5% over three rounds, then settled
        var rates = new ArrayDeque<>(List.of(8_900.0, 11_700.0, 15_000.0, 18_400.0, 19_100.0, 19_300.0, 19_000.0, 1.0));

        var warmup = Runs.warmUntilStable("test", 10, rates::poll);

        assertThat(warmup.stable()).isTrue();
        assertThat(warmup.rounds()).containsExactly(8_900.0, 11_700.0, 15_000.0, 18_400.0, 19_100.0, 19_300.0);
    }

    @Test
    void aSlowClimbOfSmallStepsIsNotStableAndAWarmUpThatNeverSettlesSaysSo() throws Exception {
        // each step under 5%, but three rounds together over it
        var rates = new ArrayDeque<>(List.of(10_000.0, 10_400.0, 10_800.0, 11_250.0));

        var warmup = Runs.warmUntilStable("test", 4, rates::poll);

        assertThat(warmup.stable()).isFalse();
        assertThat(warmup.rounds()).hasSize(4);
        assertThat(warmup.describe()).startsWith("NOT stable after 4 rounds");
    }

    @Test
    void aRepeatedFigureIsReportedAsTheMedianAgainstTheReferencesMedianWithBothSeriesKept() {
        var report = new BenchReport(Map.of());

        var figure = report.against(
                "1 intake",
                "batches",
                new Runs(List.of(20_000.0, 18_000.0, 19_000.0)),
                "events/s",
                "producer",
                new Runs(List.of(100_000.0, 95_000.0, 110_000.0)),
                0.5,
                Map.of());

        assertThat(figure.value()).isEqualTo(19_000.0);
        assertThat(figure.referenceValue()).isEqualTo(100_000.0);
        assertThat(figure.ratio()).isEqualTo(0.19);
        assertThat(figure.met()).isFalse();
        assertThat(figure.measure()).isEqualTo("batches (median of 3, range 18,000–20,000)");
        assertThat(figure.details()).containsKeys("runs", "referenceRuns");
    }
}
