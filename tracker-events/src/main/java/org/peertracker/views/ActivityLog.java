package org.peertracker.views;

/** {@code activity_log}: every event as published (pseudonymised), one document per event ({@link #key}). */
public final class ActivityLog {

    public static final String COLLECTION = "activity_log";

    public static final String ORG_ID = "orgId";
    public static final String EVENT_ID = "eventId";
    public static final String TYPE = "type";
    public static final String PEER_ID = "peerId";
    /** The case, session, campaign or peer the event is about. */
    public static final String SUBJECT = "subject";
    public static final String OCCURRED_AT = "occurredAt";
    public static final String RECEIVED_AT = "receivedAt";
    public static final String PAYLOAD = "payload";

    private ActivityLog() {
    }

    public static String key(String orgId, String eventId) {
        return ViewKey.of(orgId, eventId);
    }
}
