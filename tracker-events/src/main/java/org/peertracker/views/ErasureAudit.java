package org.peertracker.views;

/**
 * {@code erasure_audit}: one entry per erasure, written by the API: who asked, when, what kind and how much it
 * touched. Never the client code, its reference or the text.
 */
public final class ErasureAudit {

    public static final String COLLECTION = "erasure_audit";

    public static final String ORG_ID = "orgId";
    /** {@link #CLIENT} or {@link #TEXT}. */
    public static final String KIND = "kind";

    public static final String CLIENT = "client";
    public static final String TEXT = "text";
    /** {@code request} or {@code retention}, as the notice's ({@code ClientErased}). */
    public static final String CAUSE = "cause";

    public static final String AT = "at";
    /** The caller: {@code {role, subject, peerId}}, as an event's submitter; none for the retention job. */
    public static final String BY = "by";

    public static final String ROLE = "role";
    public static final String SUBJECT = "subject";
    public static final String PEER_ID = "peerId";

    public static final String CASES = "cases";
    public static final String EVENTS = "events";
    public static final String TEXTS = "texts";
    /** The references whose notice Kafka has not acknowledged yet; removed once it has. */
    public static final String PENDING_REFS = "pendingRefs";

    private ErasureAudit() {}
}
