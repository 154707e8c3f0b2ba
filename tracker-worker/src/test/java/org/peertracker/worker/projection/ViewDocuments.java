package org.peertracker.worker.projection;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/** Reads view documents at dotted paths, e.g. {@code value(doc, "opening.clientRef")}, as the read side does. */
public final class ViewDocuments {

    private ViewDocuments() {}

    /** The value at a dotted path, null when absent. */
    public static Object value(Document doc, String path) {
        Object value = doc;
        for (var part : path.split("\\.")) {
            if (!(value instanceof Document d)) {
                return null;
            }
            value = d.get(part);
        }
        return value;
    }

    /** A number at a dotted path, 0 when absent. */
    public static long number(Document doc, String path) {
        var value = value(doc, path);
        return value == null ? 0 : ((Number) value).longValue();
    }

    public static double decimal(Document doc, String path) {
        var value = value(doc, path);
        return value == null ? 0 : ((Number) value).doubleValue();
    }

    public static long sum(List<Document> docs, String path) {
        return docs.stream().mapToLong(doc -> number(doc, path)).sum();
    }

    /** A time as MongoDB gives it back: a date, to the millisecond. */
    public static Date date(Instant at) {
        return Date.from(at);
    }
}
