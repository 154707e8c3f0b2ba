package org.peertracker.views;

/** {@code support_caseload}: one document per organisation, peer and month ({@link #key}). */
public final class SupportCaseload {

    public static final String COLLECTION = "support_caseload";

    public static final String ORG_ID = "orgId";
    public static final String PEER_ID = "peerId";
    /** {@code yyyy-MM} in the views' zone. */
    public static final String MONTH = "month";

    public static final String CONTACTS = "contacts";
    public static final String MINUTES = "minutes";
    public static final String CASES_OPENED = "casesOpened";
    public static final String CASES_CLOSED = "casesClosed";

    private SupportCaseload() {}

    public static String key(String orgId, String peerId, String month) {
        return ViewKey.of(orgId, peerId, month);
    }
}
