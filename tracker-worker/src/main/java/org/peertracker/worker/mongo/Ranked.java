package org.peertracker.worker.mongo;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.peertracker.views.Ranks;

/**
 * A sub-document that {@code $min} or {@code $max} keep or replace whole, by its {@code rank} alone: MongoDB compares
 * embedded documents field by field in order, and {@code rank} comes first and is unique per event. So "the first
 * opening of a case" keeps all of that opening's fields, whatever order openings arrive in; a field that a plain
 * {@code $set} would give to whichever event came last goes to the first or the latest by time instead.
 */
public record Ranked(String rank, Map<String, Object> fields) implements Comparable<Ranked> {

    public static final String RANK = Ranks.RANK;

    private static final DateTimeFormatter SORTABLE_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    /** Ranked by time, ties by event: "time|eventId" with a fixed-width time, so that strings sort as times do. */
    public static Ranked by(Instant at, UUID eventId, Map<String, Object> fields) {
        return new Ranked(SORTABLE_TIME.format(at) + "|" + eventId, fields);
    }

    @Override
    public int compareTo(Ranked other) {
        return rank.compareTo(other.rank);
    }

    Document toDocument() {
        var document = new Document(RANK, rank);
        document.putAll(fields);
        return document;
    }
}
