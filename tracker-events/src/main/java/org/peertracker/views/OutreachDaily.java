package org.peertracker.views;

/**
 * {@code outreach_daily}: one document per organisation, day (in the views' zone) and area ({@link #key}), with the
 * figures of {@link OutreachFigures}.
 */
public final class OutreachDaily {

    public static final String COLLECTION = "outreach_daily";

    public static final String ORG_ID = "orgId";
    /** {@code yyyy-MM-dd}. */
    public static final String DAY = "day";

    public static final String AREA = "area";
    public static final String SESSIONS = "sessions";

    private OutreachDaily() {}

    public static String key(String orgId, String day, String area) {
        return ViewKey.of(orgId, day, area);
    }
}
