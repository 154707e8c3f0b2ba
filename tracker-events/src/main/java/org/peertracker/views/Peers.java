package org.peertracker.views;

/** {@code peers}: one document per peer ({@link #key}), its record over all time. */
public final class Peers {

    public static final String COLLECTION = "peers";

    public static final String ORG_ID = "orgId";
    public static final String PEER_ID = "peerId";
    /** The first joining: {@code {rank, setting}}. */
    public static final String JOINING = "joining";
    /** {@code integrated} or {@code autonomous}. */
    public static final String SETTING = "setting";

    public static final String JOINED_AT = "joinedAt";
    public static final String LEFT_AT = "leftAt";
    public static final String LAST_ACTIVE_AT = "lastActiveAt";
    /** Roles by name: {@code roles.<role>.{assignedAt, endedAt}}. */
    public static final String ROLES = "roles";

    public static final String ASSIGNED_AT = "assignedAt";
    public static final String ENDED_AT = "endedAt";

    private Peers() {}

    public static String key(String orgId, String peerId) {
        return ViewKey.of(orgId, peerId);
    }
}
