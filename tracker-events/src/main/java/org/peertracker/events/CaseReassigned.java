package org.peertracker.events;

/**
 * A case handed over to another peer worker.
 *
 * @param toPeerId the peer who holds the case from now on
 */
public record CaseReassigned(String caseId, String toPeerId) implements SupportPayload {}
