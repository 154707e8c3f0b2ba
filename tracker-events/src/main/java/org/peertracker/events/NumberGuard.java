package org.peertracker.events;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Finds the numbers of an event that no schema should be asked to judge: beyond ±10^18, or with more than
 * {@value #MAX_DECIMALS} digits after the decimal point. Every schema's range lies far inside both bounds, so such a
 * number is never valid; it is named as a violation of its field before any schema sees the event.
 */
final class NumberGuard {

    static final String RANGE = "number-range";
    static final String FORMAT = "number-format";

    /**
     * The validator compares numbers as {@code long} and throws beyond that range; 10^18 stays well inside it and
     * far beyond every schema's maximum (the largest, {@code deviceSeq}'s, is 2^53 - 1).
     */
    static final BigDecimal LARGEST = BigDecimal.TEN.pow(18);

    /**
     * Finer numbers are an underflowing literal such as {@code 1e-400} (which a double would read as 0) or a scale
     * that makes exact arithmetic ({@code multipleOf}) arbitrarily expensive; no field has more than 2 decimals.
     */
    static final int MAX_DECIMALS = 15;

    private NumberGuard() {}

    /** One violation per offending number, named by its dotted path from the event's root. */
    static List<Violation> check(JsonNode event) {
        var violations = new ArrayList<Violation>();
        walk(event, "", violations);
        return violations;
    }

    private static void walk(JsonNode node, String field, List<Violation> violations) {
        if (node.isNumber()) {
            check(node, field.isEmpty() ? "(event)" : field, violations);
        } else if (node.isObject()) {
            for (var property : node.properties()) {
                walk(
                        property.getValue(),
                        field.isEmpty() ? property.getKey() : field + "." + property.getKey(),
                        violations);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), field + "[" + i + "]", violations);
            }
        }
    }

    private static void check(JsonNode number, String field, List<Violation> violations) {
        BigDecimal value;
        if (number.isFloatingPointNumber() && !number.isBigDecimal()) {
            // read as a double: 1e400 became Infinity
            double read = number.doubleValue();
            if (!Double.isFinite(read)) {
                violations.add(outOfRange(field));
                return;
            }
            value = BigDecimal.valueOf(read);
        } else {
            value = number.decimalValue();
        }
        if (value.abs().compareTo(LARGEST) > 0) {
            violations.add(outOfRange(field));
        } else if (value.scale() > MAX_DECIMALS && value.stripTrailingZeros().scale() > MAX_DECIMALS) {
            violations.add(new Violation(
                    field,
                    FORMAT,
                    "a number may have at most " + MAX_DECIMALS + " digits after "
                            + "the decimal point; send one within the field's range, without an extreme exponent"));
        }
    }

    private static Violation outOfRange(String field) {
        return new Violation(
                field,
                RANGE,
                "the number lies beyond ±10^18, far outside the field's range; send one within the field's range");
    }
}
