package org.peertracker.views;

/**
 * Ranked sub-documents: a sub-document that {@code $min} or {@code $max} keep or replace whole by its first field,
 * {@value #RANK} ("time|eventId", unique per event), so that "the first opening" or "the latest closing" does not
 * depend on the order events arrive in (docs/design.md, "Ranked sub-documents"). Every ranked sub-document of the
 * views names its rank this way.
 */
public final class Ranks {

    /** The first field of every ranked sub-document. */
    public static final String RANK = "rank";

    private Ranks() {}
}
