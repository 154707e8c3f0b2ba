package org.peertracker.worker.mongo;

/**
 * An update of one view document caused by one Kafka record.
 *
 * @param collection the physical collection
 * @param source the record's topic and partition as a field name ({@link org.peertracker.views.Applied#source})
 * @param offset the record's offset in that partition
 */
public record Effect(String collection, String id, String source, long offset, DocumentUpdate update) {

    /** The document this effect updates, as {@code collection/id}. */
    public String document() {
        return document(collection, id);
    }

    public static String document(String collection, String id) {
        return collection + "/" + id;
    }
}
