package org.peertracker.events;

import java.time.LocalDate;

/**
 * A client of a case referred to another service.
 *
 * @param referralId the referral's id, so that {@link ReferralClosed} can name it
 * @param service    the kind of service referred to, as a catalogue code
 * @param dueOn      when the referral should have led somewhere (an appointment, an answer), for follow-ups; optional
 */
public record ReferralMade(String caseId, String referralId, String service, LocalDate dueOn)
        implements SupportPayload {

    /** A referral without a due date. */
    public ReferralMade(String caseId, String referralId, String service) {
        this(caseId, referralId, service, null);
    }
}
