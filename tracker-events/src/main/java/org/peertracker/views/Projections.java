package org.peertracker.views;

/**
 * Where each projection stands, kept beside the views by the worker and readable by anyone who reports on an event: a
 * projection is one generation of a view family ({@link #key}); {@code event_claims} holds, per projection, the record
 * that applied each event, and {@code projection_positions} the next offset of each partition it reads.
 */
public final class Projections {

    private Projections() {}

    /** A projection's key: the family's id for generation 0, else e.g. {@code outreach@g2}. */
    public static String key(String family, int generation) {
        return generation == 0 ? family : family + "@g" + generation;
    }

    /** {@code event_claims}: {@code _id} is {@code projection|orgId|eventId}. */
    public static final class Claims {
        public static final String COLLECTION = "event_claims";
        public static final String PROJECTION = "projection";
        /** The record's topic and partition as {@link Applied#source}. */
        public static final String SOURCE = "source";

        public static final String OFFSET = "offset";
        /** True while the record is dead-lettered; {@link #REASON} says why. */
        public static final String DEAD_LETTERED = "deadLettered";

        public static final String REASON = "reason";
        /** Records of the same eventId with other content, never applied: {@code [{source, offset}]}. */
        public static final String CONFLICTS = "conflicts";
        /** The event as published (JSON, pseudonymised as on Kafka). */
        public static final String EVENT = "event";

        private Claims() {}

        public static String id(String projection, String orgId, String eventId) {
            return projection + "|" + ViewKey.of(orgId, eventId);
        }
    }

    /**
     * {@code event_corrections}: the corrections a projection has met, by their target, whether or not the target has
     * arrived; {@code _id} is {@code projection|orgId|targetEventId}.
     */
    public static final class Corrections {
        public static final String COLLECTION = "event_corrections";
        public static final String PROJECTION = "projection";
        /** The corrections as published, by their eventId: {@code {<eventId>: <json>}}. */
        public static final String CORRECTIONS = "corrections";

        private Corrections() {}

        public static String id(String projection, String orgId, String targetEventId) {
            return projection + "|" + ViewKey.of(orgId, targetEventId);
        }
    }

    /** {@code projection_positions}: {@code _id} is {@code projection|topic|partition}. */
    public static final class Positions {
        public static final String COLLECTION = "projection_positions";
        public static final String PROJECTION = "projection";
        public static final String TOPIC = "topic";
        public static final String PARTITION = "partition";
        /** The next offset to read: records below it are applied (or dead-lettered). */
        public static final String NEXT = "next";

        private Positions() {}

        public static String id(String projection, String topic, int partition) {
            return projection + "|" + topic + "|" + partition;
        }
    }
}
