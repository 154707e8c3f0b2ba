package org.peertracker.load.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.peertracker.events.EventCodec;

/**
 * The benchmark's results: each figure beside its reference, measured in the same run, with their ratio and the
 * target it answers to; written as JSON and shown as a markdown table.
 */
public final class BenchReport {

    /**
     * One measured figure.
     *
     * @param reference      what it is compared with (null: a figure on its own, e.g. a latency against a limit)
     * @param ratio          value / referenceValue, rounded to 3 places; null without a reference
     * @param target         the target as text, e.g. "≥ 50% of reference" or "< 500 ms"; null when none
     * @param met            whether the target is met; null when there is none
     */
    public record Figure(
            String step,
            String measure,
            double value,
            String unit,
            String reference,
            Double referenceValue,
            Double ratio,
            String target,
            Boolean met,
            Map<String, Object> details) {}

    private final Map<String, Object> machine;
    private final List<Figure> figures = new ArrayList<>();
    private final Map<String, Object> notes = new LinkedHashMap<>();

    public BenchReport(Map<String, Object> machine) {
        this.machine = machine;
    }

    /** A report written by {@link #json()}, to carry on with further figures (a later phase of the same run). */
    @SuppressWarnings("unchecked")
    static BenchReport read(String json) {
        var root = EventCodec.mapper().readTree(json);
        var report = new BenchReport(EventCodec.mapper().treeToValue(root.path("machine"), LinkedHashMap.class));
        for (var figure : root.path("figures")) {
            report.add(EventCodec.mapper().treeToValue(figure, Figure.class));
        }
        report.notes.putAll(EventCodec.mapper().treeToValue(root.path("notes"), LinkedHashMap.class));
        return report;
    }

    /** Drops the figures a phase run again will measure anew. */
    void drop(Predicate<Figure> which) {
        figures.removeIf(which);
    }

    /** The first figure of a step, if any. */
    Optional<Figure> first(String step) {
        return figures.stream().filter(f -> f.step().equals(step)).findFirst();
    }

    /** A figure without reference or target. */
    public Figure measured(String step, String measure, double value, String unit, Map<String, Object> details) {
        return add(new Figure(step, measure, round(value), unit, null, null, null, null, null, details));
    }

    /** A figure against its reference; the target, when {@code minRatio} > 0, is value ≥ minRatio × reference. */
    public Figure against(
            String step,
            String measure,
            double value,
            String unit,
            String reference,
            double referenceValue,
            double minRatio,
            Map<String, Object> details) {
        Double ratio = ratio(value, referenceValue);
        String target = minRatio > 0 ? "≥ " + percent(minRatio) + " of reference" : null;
        Boolean met = minRatio > 0 ? ratio != null && ratio >= minRatio : null;
        return add(new Figure(
                step, measure, round(value), unit, reference, round(referenceValue), ratio, target, met, details));
    }

    /** A repeated figure: its median, with the runs and their spread in the details and the range in the measure. */
    Figure measured(String step, String measure, Runs runs, String unit, Map<String, Object> details) {
        return measured(step, measure + " (" + runs.label() + ")", runs.median(), unit, withRuns(details, runs));
    }

    /**
     * A repeated figure against a repeated reference: medians set side by side, the ratio theirs; the details keep
     * both series of runs.
     */
    Figure against(
            String step,
            String measure,
            Runs runs,
            String unit,
            String reference,
            Runs referenceRuns,
            double minRatio,
            Map<String, Object> details) {
        var withReference = new LinkedHashMap<String, Object>();
        withReference.put("referenceRuns", referenceRuns.details());
        withReference.putAll(details);
        var label = reference + " (" + referenceRuns.label() + ")";
        return against(step, measure, runs, unit, label, referenceRuns.median(), minRatio, withReference);
    }

    /** A repeated figure against a single reference (a figure of an earlier step). */
    Figure against(
            String step,
            String measure,
            Runs runs,
            String unit,
            String reference,
            double referenceValue,
            double minRatio,
            Map<String, Object> details) {
        var label = measure + " (" + runs.label() + ")";
        return against(step, label, runs.median(), unit, reference, referenceValue, minRatio, withRuns(details, runs));
    }

    private static Map<String, Object> withRuns(Map<String, Object> details, Runs runs) {
        var all = new LinkedHashMap<String, Object>();
        all.put("runs", runs.details());
        all.putAll(details);
        return all;
    }

    /** A figure whose target is to stay below a limit. */
    public Figure below(
            String step, String measure, double value, String unit, double limit, Map<String, Object> details) {
        return add(new Figure(
                step,
                measure,
                round(value),
                unit,
                null,
                null,
                null,
                "< " + number(limit) + " " + unit,
                value < limit,
                details));
    }

    /** Anything else worth keeping in the JSON (profiles, settings, warnings). */
    public void note(String key, Object value) {
        notes.put(key, value);
    }

    public List<Figure> figures() {
        return List.copyOf(figures);
    }

    /** Kept in the order of the steps (a later phase may add memory figures before step 4's). */
    private Figure add(Figure figure) {
        int at = figures.size();
        while (at > 0 && figures.get(at - 1).step().compareTo(figure.step()) > 0) {
            at--;
        }
        figures.add(at, figure);
        return figure;
    }

    /** value / reference to 3 places; null when the reference is not a positive number. */
    static Double ratio(double value, double reference) {
        if (!(reference > 0) || Double.isNaN(value)) {
            return null;
        }
        return Math.round(value / reference * 1000) / 1000.0;
    }

    /**
     * The nearest-rank percentile of {@code values} (sorted here), e.g. {@code percentile(v, 99.9)}; NaN when
     * there are none.
     */
    static double percentile(long[] values, double percentile) {
        if (values.length == 0) {
            return Double.NaN;
        }
        var sorted = values.clone();
        Arrays.sort(sorted);
        // the epsilon keeps 99.9% of 1000 at rank 999, where floating point would give 999.0000000000001
        int rank = (int) Math.ceil(percentile * sorted.length / 100.0 - 1e-9);
        return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
    }

    public String json() {
        var root = new LinkedHashMap<String, Object>();
        root.put("machine", machine);
        root.put("figures", figures);
        var targets = figures.stream().filter(f -> f.met() != null).toList();
        root.put("targetsMet", targets.stream().filter(Figure::met).count() + " of " + targets.size());
        root.put("notes", notes);
        return EventCodec.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }

    /** The short table for the console and the README. */
    public String table() {
        var out = new StringBuilder();
        out.append("| step | measure | value | reference | ratio | target | met |\n");
        out.append("|---|---|---:|---|---:|---|---|\n");
        for (var f : figures) {
            out.append("| ")
                    .append(f.step())
                    .append(" | ")
                    .append(f.measure())
                    .append(" | ")
                    .append(number(f.value()))
                    .append(' ')
                    .append(f.unit())
                    .append(" | ")
                    .append(
                            f.reference() == null
                                    ? ""
                                    : f.reference() + ": " + number(f.referenceValue()) + " " + f.unit())
                    .append(" | ")
                    .append(f.ratio() == null ? "" : percent(f.ratio()))
                    .append(" | ")
                    .append(f.target() == null ? "" : f.target())
                    .append(" | ")
                    .append(f.met() == null ? "" : f.met() ? "yes" : "**no**")
                    .append(" |\n");
        }
        return out.toString();
    }

    /** 12,345 for large numbers, 12.3 for small ones, "n/a" for NaN. */
    static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "n/a";
        }
        if (Math.abs(value) >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, "%.1f", value);
    }

    static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.0f%%", ratio * 100);
    }

    static double round(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? value : Math.round(value * 10) / 10.0;
    }
}
