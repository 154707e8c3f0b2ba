package org.peertracker.worker.mongo;

import java.util.Map;
import org.bson.Document;

/**
 * A sub-document that {@code $min} or {@code $max} keep or replace whole, by its {@code rank} alone: MongoDB compares
 * embedded documents field by field in order, and {@code rank} comes first and is unique per event. So "the first
 * opening of a case" keeps all of that opening's fields, whatever order openings arrive in.
 */
public record Ranked(String rank, Map<String, Object> fields) implements Comparable<Ranked> {

    @Override
    public int compareTo(Ranked other) {
        return rank.compareTo(other.rank);
    }

    Document toDocument() {
        var document = new Document("rank", rank);
        document.putAll(fields);
        return document;
    }
}
