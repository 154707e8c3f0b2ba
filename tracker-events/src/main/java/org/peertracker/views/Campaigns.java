package org.peertracker.views;

/** {@code campaigns}: one document per campaign ({@link #key}). */
public final class Campaigns {

    public static final String COLLECTION = "campaigns";

    public static final String ORG_ID = "orgId";
    public static final String CAMPAIGN_ID = "campaignId";
    /** The peers who logged for the campaign. */
    public static final String PEERS = "peers";

    public static final String LAST_ACTIVITY_AT = "lastActivityAt";
    /** The first launch: {@code {rank, name, goal, startsOn, endsOn}}. */
    public static final String LAUNCH = "launch";

    public static final String NAME = "name";
    public static final String GOAL = "goal";
    /** {@code yyyy-MM-dd}. */
    public static final String STARTS_ON = "startsOn";

    public static final String ENDS_ON = "endsOn";
    public static final String LAUNCHED_AT = "launchedAt";
    public static final String ACTIONS = "actions";
    /** Actions by kind: {@code actionsByKind.<kind>}. */
    public static final String ACTIONS_BY_KIND = "actionsByKind";

    public static final String PARTICIPANTS = "participants";
    public static final String AUDIENCE = "audience";
    public static final String MEDIA_HITS = "mediaHits";
    public static final String CITIES = "cities";
    /** Outcomes by level: {@code outcomesByLevel.<level>}. */
    public static final String OUTCOMES_BY_LEVEL = "outcomesByLevel";
    /** The outcomes: {@code [{eventId, level, text, occurredAt}]}. */
    public static final String OUTCOMES = "outcomes";

    public static final String CLOSED_AT = "closedAt";

    /** Fields of one outcome of {@link #OUTCOMES}. */
    public static final class Outcome {
        public static final String EVENT_ID = "eventId";
        public static final String LEVEL = "level";
        public static final String TEXT = "text";
        public static final String OCCURRED_AT = "occurredAt";

        private Outcome() {}
    }

    private Campaigns() {}

    public static String key(String orgId, String campaignId) {
        return ViewKey.of(orgId, campaignId);
    }
}
