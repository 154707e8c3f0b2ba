package org.peertracker.views;

/**
 * Leases on deployment-wide operations (a rebuild of a family, a dead-letter replay of a topic), one document per
 * operation: {@code {_id: "rebuild:outreach", holder, token, expiresAt, details}}. The holder renews it while it works;
 * anyone may take it over once it has expired. {@code details} is the holder's report, kept after release: a rebuild's
 * progress ({@link Rebuild}) or the topic a replay works on.
 */
public final class OperationLeases {

    public static final String COLLECTION = "operation_leases";
    public static final String HOLDER = "holder";
    public static final String TOKEN = "token";
    public static final String EXPIRES_AT = "expiresAt";
    public static final String DETAILS = "details";
    /** In a dead-letter replay's details: the event topic whose dead letters it replays. */
    public static final String TOPIC = "topic";

    private OperationLeases() {}

    /** The fields of a rebuild's progress, in its lease's {@code details}. */
    public static final class Rebuild {

        public static final String FAMILY = "family";
        public static final String GENERATION = "generation";
        public static final String STATUS = "status";
        public static final String EVENTS_DONE = "eventsDone";
        public static final String EVENTS_TOTAL = "eventsTotal";
        public static final String EVENTS_PER_SECOND = "eventsPerSecond";
        public static final String ETA_SECONDS = "etaSeconds";
        public static final String STARTED_AT = "startedAt";
        public static final String SWITCHED_AT = "switchedAt";
        public static final String FINISHED_AT = "finishedAt";
        public static final String ERROR = "error";
        public static final String INSTANCE = "instance";

        private Rebuild() {}
    }
}
