package org.peertracker.api.security;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The fields of an aggregate answer that an analyst may see, as {@link SmallCounts} declares them: an allow-list of
 * leaves (the declared counts, the shown fields and the aliased ids), so that whatever a view gains later is not shown
 * until someone decides it may be; and ids replaced by aliases that name no one.
 */
final class AnalystFields {

    private AnalystFields() {}

    /** Removes, in place, every leaf the declaration does not allow, and every object or array no allowed path enters. */
    static void retain(JsonNode tree, SmallCounts rules) {
        var leaves = new HashSet<String>();
        var containers = new HashSet<String>();
        for (var path : allowed(rules)) {
            SmallCountSuppression.match(tree, path).forEach(m -> leaves.add(m.pointer()));
            var segments = path.split("/");
            for (int i = 1; i < segments.length; i++) {
                var prefix = String.join("/", Arrays.copyOf(segments, i));
                SmallCountSuppression.match(tree, prefix).forEach(m -> containers.add(m.pointer()));
            }
        }
        prune(tree, "", leaves, containers);
    }

    /** Replaces each aliased value by its alias, numbered in order of first appearance. */
    static void alias(JsonNode tree, SmallCounts rules) {
        for (var alias : rules.aliases()) {
            var given = new LinkedHashMap<String, String>();
            for (var m : SmallCountSuppression.match(tree, alias.value())) {
                if (m.node().isNull() || m.node().isContainer()) {
                    continue;
                }
                var name = given.computeIfAbsent(m.node().asString(), id -> alias.as() + "-" + (given.size() + 1));
                var value = JsonNodeFactory.instance.stringNode(name);
                if (m.parent() instanceof ObjectNode object) {
                    object.set(m.key(), value);
                } else if (m.parent() instanceof ArrayNode array) {
                    array.set(Integer.parseInt(m.key()), value);
                }
            }
        }
    }

    /** Every path the declaration allows, a group's {@code ?} read as {@code *}. */
    static List<String> allowed(SmallCounts rules) {
        var paths = new ArrayList<String>();
        paths.addAll(List.of(rules.value()));
        paths.addAll(List.of(rules.shown()));
        for (var group : rules.groups()) {
            paths.add(group.value().replace("?", "*"));
            if (!group.total().isEmpty()) {
                paths.add(group.total());
            }
            paths.addAll(List.of(group.dependents()));
        }
        Stream.of(rules.shares()).forEach(share -> paths.add(share.value()));
        Stream.of(rules.aliases()).forEach(alias -> paths.add(alias.value()));
        return paths;
    }

    private static void prune(JsonNode node, String pointer, Set<String> leaves, Set<String> containers) {
        if (node instanceof ObjectNode object) {
            for (var name : new ArrayList<>(object.propertyNames())) {
                if (!keep(object.get(name), pointer + "/" + SmallCountSuppression.escape(name), leaves, containers)) {
                    object.remove(name);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = array.size() - 1; i >= 0; i--) {
                if (!keep(array.get(i), pointer + "/" + i, leaves, containers)) {
                    array.remove(i);
                }
            }
        }
    }

    private static boolean keep(JsonNode child, String pointer, Set<String> leaves, Set<String> containers) {
        if (!child.isContainer()) {
            return leaves.contains(pointer);
        }
        if (!containers.contains(pointer)) {
            return false;
        }
        prune(child, pointer, leaves, containers);
        return true;
    }
}
