package org.peertracker.api.security;

import java.util.stream.IntStream;
import tools.jackson.databind.JsonNode;

/**
 * An analyst's answer given otherwise than as a JSON body (an export): shaped exactly as {@link AnalystResponses}
 * shapes the JSON answer of the same declaration, so that the two never differ.
 */
public final class AnalystAnswers {

    private AnalystAnswers() {}

    /** Only the fields {@code rules} allow, ids as aliases, small counts suppressed; in place, and returned. */
    public static JsonNode shape(JsonNode answer, SmallCounts rules) {
        return AnalystResponses.forAnalyst(answer, rules);
    }

    /**
     * Whether an analyst may see anything at {@code path} (segments split by {@code /}, e.g.
     * {@code days/0/materials}): an allowed leaf, or an object or array an allowed path enters.
     */
    public static boolean shows(SmallCounts rules, String path) {
        var wanted = path.split("/");
        return AnalystFields.allowed(rules).stream()
                .map(allowed -> allowed.split("/"))
                .anyMatch(allowed -> allowed.length >= wanted.length && matches(allowed, wanted));
    }

    private static boolean matches(String[] allowed, String[] wanted) {
        return IntStream.range(0, wanted.length)
                .allMatch(i -> allowed[i].equals("*") || allowed[i].equals("?") || allowed[i].equals(wanted[i]));
    }
}
