package org.peertracker.events;

/** Events of outreach sessions, published to {@link Topics#OUTREACH}. */
public sealed interface OutreachPayload extends Payload
        permits SessionStarted, ContactRecorded, SignalReported, SessionEnded {

    String sessionId();

    @Override
    default String subject() {
        return sessionId();
    }
}
