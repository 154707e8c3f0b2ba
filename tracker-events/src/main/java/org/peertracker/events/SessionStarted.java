package org.peertracker.events;

/**
 * An outreach session started.
 *
 * @param area     coded id of the area worked, e.g. {@code amsterdam-oost}
 * @param siteType the kind of site, as a catalogue code
 */
public record SessionStarted(String sessionId, String area, String siteType) implements OutreachPayload {}
