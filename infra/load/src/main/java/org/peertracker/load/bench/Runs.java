package org.peertracker.load.bench;

import static org.peertracker.load.bench.Progress.progress;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One measure taken several times on the same system: its median is the figure the report gives, its range the
 * spread beside it, so that a figure means the same from run to run on a noisy machine.
 */
record Runs(List<Double> values) {

    /** How far apart the last {@link #STABLE_WINDOW} warm-up rounds may be for the system to count as warm. */
    static final double STABLE_SPREAD = 0.05;

    static final int STABLE_WINDOW = 3;

    Runs {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no runs");
        }
        values = List.copyOf(values);
    }

    /** A measure that may throw, as the loads and rebuilds do. */
    @FunctionalInterface
    interface Measure {
        double take() throws Exception;
    }

    /** {@code count} runs of one measure, one after another. */
    static Runs of(int count, Measure measure) throws Exception {
        var values = new ArrayList<Double>();
        for (int run = 0; run < count; run++) {
            values.add(measure.take());
        }
        return new Runs(values);
    }

    double median() {
        var sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    double min() {
        return values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    }

    double max() {
        return values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }

    /** (max − min) ÷ median: 0.04 means the runs lay within 4% of their median's size of each other. */
    double spread() {
        double median = median();
        return median == 0 ? 0 : (max() - min()) / Math.abs(median);
    }

    /** "median of 3, range 10,100–11,200": what the report's measure says of its runs. */
    String label() {
        return "median of " + values.size() + ", range " + BenchReport.number(min()) + "–" + BenchReport.number(max());
    }

    /** The runs as the report's details keep them. */
    Map<String, Object> details() {
        var details = new LinkedHashMap<String, Object>();
        details.put("runs", values.stream().map(BenchReport::round).toList());
        details.put("median", BenchReport.round(median()));
        details.put("spread", Math.round(spread() * 1000) / 1000.0);
        return details;
    }

    /**
     * Repeats a short load until the last {@link #STABLE_WINDOW} rounds lie within {@link #STABLE_SPREAD} of each
     * other (the JIT has compiled what the load uses, and the system's caches are filled) or {@code maxRounds} have
     * run; returns every round's figure, the last ones those that agreed. A rising series does not count as stable
     * even when each step is small, since the window's spread covers all three.
     */
    static Warmup warmUntilStable(String what, int maxRounds, Measure round) throws Exception {
        var rounds = new ArrayList<Double>();
        while (rounds.size() < maxRounds) {
            rounds.add(round.take());
            var window = window(rounds);
            progress("    warm-up %s, round %d: %s", what, rounds.size(), BenchReport.number(rounds.getLast()));
            if (window != null && window.spread() <= STABLE_SPREAD) {
                return new Warmup(rounds, true);
            }
        }
        return new Warmup(rounds, false);
    }

    private static Runs window(List<Double> rounds) {
        return rounds.size() < STABLE_WINDOW
                ? null
                : new Runs(rounds.subList(rounds.size() - STABLE_WINDOW, rounds.size()));
    }

    /** The rounds of a warm-up and whether they settled. */
    record Warmup(List<Double> rounds, boolean stable) {

        Map<String, Object> details() {
            return Map.of("rounds", rounds.stream().map(BenchReport::round).toList(), "stable", stable);
        }

        String describe() {
            return String.format(
                    Locale.ROOT,
                    "%s after %d rounds: %s",
                    stable ? "stable" : "NOT stable",
                    rounds.size(),
                    rounds.stream().map(BenchReport::number).toList());
        }
    }
}
