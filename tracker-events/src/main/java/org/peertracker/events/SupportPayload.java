package org.peertracker.events;

/** Events of a support case, published to {@link Topics#SUPPORT}. */
public sealed interface SupportPayload extends Payload
        permits CaseOpened, CaseContactLogged, ReferralMade, ReferralClosed, CaseReassigned, CaseClosed {

    String caseId();

    @Override
    default String subject() {
        return caseId();
    }
}
