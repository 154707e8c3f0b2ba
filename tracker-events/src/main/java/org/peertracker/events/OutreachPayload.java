package org.peertracker.events;

/** Events of outreach sessions, published to {@link Topics#OUTREACH}. */
public sealed interface OutreachPayload extends Payload permits ContactRecorded {

    String sessionId();

    @Override
    default String subject() {
        return sessionId();
    }
}
