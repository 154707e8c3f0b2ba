package org.peertracker.views;

/** {@code outreach_sessions}: one document per session ({@link #key}), with the figures of {@link OutreachFigures}. */
public final class OutreachSessions {

    public static final String COLLECTION = "outreach_sessions";

    public static final String ORG_ID = "orgId";
    public static final String SESSION_ID = "sessionId";
    /** The peers who logged in the session. */
    public static final String PEERS = "peers";

    public static final String LAST_ACTIVITY_AT = "lastActivityAt";
    /** The first start: {@code {rank, area, siteType}}. */
    public static final String START = "start";
    /** The first contact, whose area stands in while no start is seen: {@code {rank, area}}. */
    public static final String FIRST_CONTACT = "firstContact";

    public static final String AREA = "area";
    public static final String SITE_TYPE = "siteType";
    public static final String STARTED_AT = "startedAt";
    public static final String ENDED_AT = "endedAt";

    private OutreachSessions() {}

    public static String key(String orgId, String sessionId) {
        return ViewKey.of(orgId, sessionId);
    }
}
