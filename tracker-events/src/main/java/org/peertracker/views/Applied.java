package org.peertracker.views;

/**
 * Bookkeeping in every view document: per source partition, the offset of the last record applied to it
 * ({@code _applied: {"tracker-outreach-v1-3": 1842}}). Never served.
 */
public final class Applied {

    public static final String FIELD = "_applied";
    /** Within {@link #FIELD}: how often the document was written, so that a rewrite can tell it was not overtaken. */
    public static final String WRITES = "writes";

    private Applied() {}

    /** Field names cannot hold dots, so a topic-partition becomes {@code tracker-outreach-v1-3}. */
    public static String source(String topic, int partition) {
        return topic.replace('.', '-') + "-" + partition;
    }
}
