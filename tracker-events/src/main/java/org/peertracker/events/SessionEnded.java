package org.peertracker.events;

/** An outreach session ended. */
public record SessionEnded(String sessionId) implements OutreachPayload {}
