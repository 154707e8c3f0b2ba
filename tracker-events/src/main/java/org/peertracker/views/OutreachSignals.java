package org.peertracker.views;

/** {@code outreach_signals}: the signal feed, one document per signal event ({@link #key}). */
public final class OutreachSignals {

    public static final String COLLECTION = "outreach_signals";

    public static final String ORG_ID = "orgId";
    public static final String EVENT_ID = "eventId";
    public static final String SESSION_ID = "sessionId";
    public static final String PEER_ID = "peerId";
    public static final String KIND = "kind";
    public static final String AREA = "area";
    public static final String SEVERITY = "severity";
    /** Free text: never shown to analysts. */
    public static final String TEXT = "text";

    public static final String OCCURRED_AT = "occurredAt";

    private OutreachSignals() {}

    public static String key(String orgId, String eventId) {
        return ViewKey.of(orgId, eventId);
    }
}
