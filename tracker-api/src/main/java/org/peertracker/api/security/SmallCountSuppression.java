package org.peertracker.api.security;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Small-count suppression of an aggregate answer, declared by {@link SmallCounts}. The method (README, "Security"):
 * <ol>
 * <li><b>primary</b>: every count above 0 and below 5 (hours too) is shown as {@value #SMALL};</li>
 * <li><b>secondary</b>: a group (cells that add up, or stand side by side under a total shown here or elsewhere)
 * that holds exactly one suppressed cell gets its smallest non-zero shown cell suppressed too, as
 * {@value #SUPPRESSED}, so that subtraction yields only a sum of two or more; repeated over all groups until
 * nothing changes, since a cell may be in a row and a column;</li>
 * <li><b>totals</b>: a group that still holds exactly one suppressed cell (no other non-zero cell to pair it with)
 * has its total suppressed;</li>
 * <li><b>derived values</b>: values computed from a group (a share of hours) are suppressed when any cell of it is,
 * and a share of a total when the part or the rest it stands for is small.</li>
 * </ol>
 * Zeros stay: "none" is not a small number.
 */
public final class SmallCountSuppression {

    public static final String SMALL = "<5";
    public static final String SUPPRESSED = "suppressed";
    static final double THRESHOLD = 5;
    private static final int MAX_ROUNDS = 100;

    private SmallCountSuppression() {}

    private enum State {
        SHOWN,
        SMALL,
        SUPPRESSED
    }

    /** A number in the tree, where it sits and what becomes of it. */
    private static final class Cell {
        final JsonNode parent;
        final String key;
        final double value;
        State state = State.SHOWN;

        Cell(JsonNode parent, String key, double value) {
            this.parent = parent;
            this.key = key;
            this.value = value;
        }

        boolean suppressed() {
            return state != State.SHOWN;
        }
    }

    /** One instance of a declared group: its cells, its total and what is derived from it. */
    private record Instance(List<Cell> cells, Cell total, List<Cell> dependents) {}

    /** Suppresses the small counts of {@code tree} in place, as {@code rules} declare them. */
    public static void apply(JsonNode tree, SmallCounts rules) {
        var cells = new LinkedHashMap<String, Cell>();
        for (var path : rules.value()) {
            match(tree, path).forEach(m -> cell(cells, m));
        }
        var instances = new ArrayList<Instance>();
        for (var group : rules.groups()) {
            instances.addAll(instances(tree, group, cells));
        }
        cells.values().forEach(c -> {
            if (c.value > 0 && c.value < THRESHOLD) {
                c.state = State.SMALL;
            }
        });
        // derived values are registered after the primary pass: a share of 0.4 is not a small count
        var derived = new ArrayList<Instance>();
        for (var group : rules.groups()) {
            for (var dependent : group.dependents()) {
                derivedOf(tree, group, dependent, cells, derived);
            }
        }
        boolean changed = true;
        for (int round = 0; changed && round < MAX_ROUNDS; round++) {
            changed = false;
            for (var g : instances) {
                var suppressed = g.cells().stream().filter(Cell::suppressed).count();
                if (suppressed == 1) {
                    var partner = g.cells().stream()
                            .filter(c -> !c.suppressed() && c.value > 0)
                            .min(Comparator.comparingDouble(c -> c.value));
                    if (partner.isPresent()) {
                        partner.get().state = State.SUPPRESSED;
                        changed = true;
                    } else if (g.total() != null && !g.total().suppressed()) {
                        g.total().state = State.SUPPRESSED;
                        changed = true;
                    }
                }
            }
        }
        for (var g : derived) {
            if (g.cells().stream().anyMatch(Cell::suppressed)) {
                g.dependents().forEach(d -> d.state = d.suppressed() ? d.state : State.SUPPRESSED);
            }
        }
        for (var share : rules.shares()) {
            shares(tree, share, cells);
        }
        cells.values().forEach(SmallCountSuppression::write);
    }

    private static List<Instance> instances(JsonNode tree, SmallCounts.Group group, Map<String, Cell> cells) {
        var byKey = new LinkedHashMap<List<String>, List<Cell>>();
        var totals = new LinkedHashMap<List<String>, Cell>();
        for (var m : match(tree, group.value())) {
            var key = new ArrayList<>(m.stars());
            if (!group.partitionBy().isEmpty()) {
                key.add(m.varying().path(group.partitionBy()).asString(""));
            }
            var cell = cell(cells, m);
            if (cell != null) {
                byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(cell);
            }
            if (!group.total().isEmpty() && !totals.containsKey(key)) {
                var total = match(tree, bind(group.total(), m.stars())).stream()
                        .findFirst()
                        .map(t -> cell(cells, t))
                        .orElse(null);
                totals.put(key, total);
            }
        }
        var instances = new ArrayList<Instance>();
        byKey.forEach((key, members) -> instances.add(new Instance(members, totals.get(key), List.of())));
        return instances;
    }

    private static void derivedOf(
            JsonNode tree, SmallCounts.Group group, String dependent, Map<String, Cell> cells, List<Instance> derived) {
        var byStars = new LinkedHashMap<List<String>, List<Cell>>();
        for (var m : match(tree, group.value())) {
            var cell = cells.get(m.pointer());
            if (cell != null) {
                byStars.computeIfAbsent(m.stars(), k -> new ArrayList<>()).add(cell);
            }
        }
        byStars.forEach((stars, members) -> {
            var targets = new ArrayList<Cell>();
            for (var d : match(tree, bind(dependent, stars))) {
                var cell = cells.computeIfAbsent(d.pointer(), p -> numeric(d));
                if (cell != null) {
                    targets.add(cell);
                }
            }
            derived.add(new Instance(members, null, targets));
        });
    }

    private static void shares(JsonNode tree, SmallCounts.Share share, Map<String, Cell> cells) {
        for (var m : match(tree, share.value())) {
            if (!m.node().isNumber() || !(m.parent() instanceof ObjectNode parent)) {
                continue;
            }
            var totalPointer = m.pointer().substring(0, m.pointer().lastIndexOf('/')) + "/" + escape(share.of());
            var total = cells.get(totalPointer);
            boolean hidden;
            if (total != null) {
                hidden = total.suppressed();
            } else {
                hidden = !parent.path(share.of()).isNumber();
            }
            if (!hidden) {
                double whole = parent.path(share.of()).doubleValue();
                double part = m.node().doubleValue() * whole;
                double rest = whole - part;
                // a share is rounded: a part within rounding of zero is zero
                hidden = (part > 0.01 && part < THRESHOLD) || (rest > 0.01 && rest < THRESHOLD);
            }
            if (hidden) {
                var cell = cells.computeIfAbsent(m.pointer(), p -> numeric(m));
                cell.state = State.SUPPRESSED;
            }
        }
    }

    private static Cell cell(Map<String, Cell> cells, Match m) {
        return cells.computeIfAbsent(m.pointer(), p -> numeric(m));
    }

    private static Cell numeric(Match m) {
        return m.node().isNumber() ? new Cell(m.parent(), m.key(), m.node().doubleValue()) : null;
    }

    private static void write(Cell cell) {
        if (cell != null && cell.suppressed()) {
            replace(cell.parent, cell.key, cell.state == State.SMALL ? SMALL : SUPPRESSED);
        }
    }

    private static void replace(JsonNode parent, String key, String marker) {
        var value = JsonNodeFactory.instance.stringNode(marker);
        if (parent instanceof ObjectNode object) {
            object.set(key, value);
        } else if (parent instanceof ArrayNode array) {
            array.set(Integer.parseInt(key), value);
        }
    }

    /** Replaces the {@code *} of a path, in order, by the given bindings. */
    static String bind(String path, List<String> stars) {
        var segments = path.split("/");
        int next = 0;
        for (int i = 0; i < segments.length; i++) {
            if (segments[i].equals("*") && next < stars.size()) {
                segments[i] = stars.get(next++);
            }
        }
        return String.join("/", segments);
    }

    /**
     * A node a path matched.
     *
     * @param stars   what each {@code *} stood for, in order
     * @param varying the node at the {@code ?} segment, if the path has one
     */
    record Match(String pointer, JsonNode parent, String key, JsonNode node, List<String> stars, JsonNode varying) {}

    static List<Match> match(JsonNode tree, String path) {
        var found = new ArrayList<Match>();
        walk(tree, Arrays.asList(path.split("/")), 0, "", null, null, tree, new ArrayList<>(), null, found);
        return found;
    }

    private static void walk(
            JsonNode root,
            List<String> segments,
            int at,
            String pointer,
            JsonNode parent,
            String key,
            JsonNode node,
            List<String> stars,
            JsonNode varying,
            List<Match> found) {
        if (node == null || node.isMissingNode()) {
            return;
        }
        if (at == segments.size()) {
            if (parent != null) {
                found.add(new Match(pointer, parent, key, node, List.copyOf(stars), varying));
            }
            return;
        }
        var segment = segments.get(at);
        if (segment.equals("*") || segment.equals("?")) {
            for (var child : children(node).entrySet()) {
                if (segment.equals("*")) {
                    stars.add(child.getKey());
                }
                walk(
                        root,
                        segments,
                        at + 1,
                        pointer + "/" + escape(child.getKey()),
                        node,
                        child.getKey(),
                        child.getValue(),
                        stars,
                        segment.equals("?") ? child.getValue() : varying,
                        found);
                if (segment.equals("*")) {
                    stars.removeLast();
                }
            }
        } else if (node.isObject()) {
            walk(
                    root,
                    segments,
                    at + 1,
                    pointer + "/" + escape(segment),
                    node,
                    segment,
                    node.get(segment),
                    stars,
                    varying,
                    found);
        } else if (node.isArray() && !segment.isEmpty() && segment.chars().allMatch(Character::isDigit)) {
            // a bound * of an array (a list's total, e.g. items/0/actions)
            walk(
                    root,
                    segments,
                    at + 1,
                    pointer + "/" + segment,
                    node,
                    segment,
                    node.get(Integer.parseInt(segment)),
                    stars,
                    varying,
                    found);
        }
    }

    private static Map<String, JsonNode> children(JsonNode node) {
        var children = new LinkedHashMap<String, JsonNode>();
        if (node.isObject()) {
            node.properties().forEach(e -> children.put(e.getKey(), e.getValue()));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                children.put(String.valueOf(i), node.get(i));
            }
        }
        return children;
    }

    static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
