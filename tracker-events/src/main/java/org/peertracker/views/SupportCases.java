package org.peertracker.views;

/**
 * {@code support_cases}: one document per case ({@link #key}). Its identity is its first opening ({@link #OPENING},
 * kept whole); its owner is the opener until a coordinator reassigns it ({@link #REASSIGNMENT}, the latest).
 */
public final class SupportCases {

    public static final String COLLECTION = "support_cases";

    public static final String ORG_ID = "orgId";
    public static final String CASE_ID = "caseId";
    public static final String LAST_ACTIVITY_AT = "lastActivityAt";
    /** The first opening received: {@code {rank, eventId, peerId, openedAt, clientRef, needs, referredBy}}. */
    public static final String OPENING = "opening";
    /** The latest reassignment: {@code {rank, peerId, at}}. */
    public static final String REASSIGNMENT = "reassignment";

    public static final String CONTACTS = "contacts";
    public static final String MINUTES = "minutes";
    /** Contacts by mode: {@code modes.<mode>}. */
    public static final String MODES = "modes";

    public static final String LAST_CONTACT_AT = "lastContactAt";
    /** Referrals by referralId: {@code referrals.<id>.{made: {rank, service}, madeAt, closing: {rank, outcome}, closedAt}}. */
    public static final String REFERRALS = "referrals";

    public static final String REFERRALS_PENDING = "referralsPending";
    /** The latest closing: {@code {rank, outcome}}. */
    public static final String CLOSING = "closing";
    /** When the case was last closed. */
    public static final String CLOSED_AT = "closedAt";

    /** Fields of {@link #OPENING}. */
    public static final class Opening {
        public static final String RANK = Ranks.RANK;
        public static final String EVENT_ID = "eventId";
        public static final String PEER_ID = "peerId";
        public static final String OPENED_AT = "openedAt";
        public static final String CLIENT_REF = "clientRef";
        public static final String NEEDS = "needs";
        public static final String REFERRED_BY = "referredBy";

        private Opening() {}
    }

    /** Fields of {@link #REASSIGNMENT}. */
    public static final class Reassignment {
        public static final String RANK = Ranks.RANK;
        public static final String PEER_ID = "peerId";
        public static final String AT = "at";

        private Reassignment() {}
    }

    /** Fields of {@link #CLOSING}, and of a referral's closing. */
    public static final class Closing {
        public static final String RANK = Ranks.RANK;
        public static final String OUTCOME = "outcome";

        private Closing() {}
    }

    /** Fields of one referral under {@link #REFERRALS}. */
    public static final class Referral {
        /** The first making: {@code {rank, service, dueOn}}. */
        public static final String MADE = "made";

        public static final String SERVICE = "service";
        /** In {@link #MADE}: the making's due date, {@code yyyy-MM-dd}, when it has one. */
        public static final String DUE_ON = "dueOn";

        public static final String MADE_AT = "madeAt";
        /** The latest closing: {@code {rank, outcome}} ({@link Closing}). */
        public static final String CLOSING = "closing";

        public static final String CLOSED_AT = "closedAt";

        private Referral() {}
    }

    private SupportCases() {}

    public static String key(String orgId, String caseId) {
        return ViewKey.of(orgId, caseId);
    }
}
