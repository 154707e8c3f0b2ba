package org.peertracker.events;

/**
 * A client of a case referred to another service.
 *
 * @param referralId the referral's id, so that {@link ReferralClosed} can name it
 * @param service    the kind of service referred to, as a catalogue code
 */
public record ReferralMade(String caseId, String referralId, String service) implements SupportPayload {}
