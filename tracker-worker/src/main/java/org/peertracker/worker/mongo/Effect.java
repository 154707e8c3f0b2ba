package org.peertracker.worker.mongo;

/**
 * An update of one view document caused by one Kafka record.
 *
 * @param collection the physical collection
 * @param source the record's topic and partition as a field name, e.g. {@code tracker-outreach-v1-3}
 * @param offset the record's offset in that partition
 */
public record Effect(String collection, String id, String source, long offset, DocumentUpdate update) {

    /** Field names cannot hold dots, so a topic-partition becomes {@code tracker-outreach-v1-3}. */
    public static String source(String topic, int partition) {
        return topic.replace('.', '-') + "-" + partition;
    }

    /** The document this effect updates, as {@code collection/id}. */
    public String document() {
        return document(collection, id);
    }

    public static String document(String collection, String id) {
        return collection + "/" + id;
    }
}
