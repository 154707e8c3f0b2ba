package org.peertracker.events;

/**
 * A support case closed.
 *
 * @param outcome why it was closed, as a catalogue code
 */
public record CaseClosed(String caseId, String outcome) implements SupportPayload {}
