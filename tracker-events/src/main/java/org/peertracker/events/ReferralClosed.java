package org.peertracker.events;

/**
 * A referral of a case that came to an end.
 *
 * @param referralId the id given by {@link ReferralMade}
 * @param outcome    whether the client attended, as a catalogue code
 */
public record ReferralClosed(String caseId, String referralId, String outcome) implements SupportPayload {}
