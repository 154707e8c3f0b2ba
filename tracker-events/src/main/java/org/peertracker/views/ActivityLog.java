package org.peertracker.views;

/**
 * {@code activity_log}: every event as published (pseudonymised), one document per event ({@link #key}): the audit
 * trail, so a corrected event stays, with its corrections listed ({@link #CORRECTIONS}), and each correction has its
 * own entry.
 */
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
    /** Who sent it: {@code {role, subject, peerId}}. */
    public static final String SUBMITTED_BY = "submittedBy";

    public static final String PAYLOAD = "payload";
    /**
     * The client's reference in a payload, as published: {@code payload.clientRef}, and an amendment's
     * {@code payload.payload.clientRef}. Removed when the client is erased.
     */
    public static final String CLIENT_REF = "clientRef";
    /** A case opening's needs in a payload, removed with the client's reference. */
    public static final String NEEDS = "needs";
    /** The corrections of this event, by their eventId: {@code {type, reason, submittedBy, occurredAt}}. */
    public static final String CORRECTIONS = "corrections";

    /** Fields of {@link #SUBMITTED_BY}, and of a correction's. */
    public static final class SubmittedBy {
        public static final String ROLE = "role";
        public static final String SUBJECT = "subject";
        public static final String PEER_ID = "peerId";

        private SubmittedBy() {}
    }

    /** Fields of one correction under {@link #CORRECTIONS}. */
    public static final class Correction {
        public static final String TYPE = "type";
        public static final String REASON = "reason";
        public static final String SUBMITTED_BY = "submittedBy";
        public static final String OCCURRED_AT = "occurredAt";

        private Correction() {}
    }

    private ActivityLog() {}

    public static String key(String orgId, String eventId) {
        return ViewKey.of(orgId, eventId);
    }
}
