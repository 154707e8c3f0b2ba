package org.peertracker.events;

/**
 * One broken rule of one event.
 *
 * @param field   dotted path of the field from the event's root, e.g. {@code payload.groupSize}
 * @param rule    the rule's name, e.g. {@code minimum}, {@code required}, {@code catalogue}
 * @param message what a field worker can act on
 */
public record Violation(String field, String rule, String message) {}
