package org.peertracker.views;

/**
 * {@code involvement_monthly}: one document per organisation, month and peer ({@link #key}), with the figures of
 * {@link Involvement}.
 */
public final class InvolvementMonthly {

    public static final String COLLECTION = "involvement_monthly";

    public static final String ORG_ID = "orgId";
    /** {@code yyyy-MM} in the views' zone. */
    public static final String MONTH = "month";

    public static final String PEER_ID = "peerId";
    /** Events of any kind the peer logged that month. */
    public static final String ACTIVITIES = "activities";
    /** The bodies the peer was involved in. */
    public static final String BODIES = "bodies";

    private InvolvementMonthly() {}

    public static String key(String orgId, String month, String peerId) {
        return ViewKey.of(orgId, month, peerId);
    }
}
