package org.peertracker.testing;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Reads the intake's answer to a POST of events: {@code {results: [{eventId, status, errors: [{field, rule,
 * message}]}], summary}}, one result per event sent, in the order sent.
 */
public final class IntakeAnswers {

    private IntakeAnswers() {}

    /** {@code accepted}, {@code rejected} or {@code not-accepted}, for the event sent at {@code index}. */
    public static String status(JsonNode answer, int index) {
        return answer.path("results").path(index).path("status").asString();
    }

    /** The status of every event sent, in the order sent. */
    public static List<String> statuses(JsonNode answer) {
        return answer.path("results")
                .valueStream()
                .map(r -> r.path("status").asString())
                .toList();
    }

    /** The first error of the event sent at {@code index}: {@code {field, rule, message}}. */
    public static JsonNode firstError(JsonNode answer, int index) {
        return answer.path("results").path(index).path("errors").path(0);
    }

    /** The rule the event sent at {@code index} broke first. */
    public static String firstRule(JsonNode answer, int index) {
        return firstError(answer, index).path("rule").asString();
    }

    /** The rule each event sent broke first (an empty string for one accepted), in the order sent. */
    public static List<String> firstRules(JsonNode answer) {
        return answer.path("results")
                .valueStream()
                .map(r -> r.path("errors").path(0).path("rule").asString())
                .toList();
    }
}
