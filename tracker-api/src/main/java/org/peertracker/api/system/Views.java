package org.peertracker.api.system;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Read access to the views the worker writes. A view is read from the generation named in
 * {@code view_generations} (after a rebuild, e.g. {@code outreach_daily__g1}), else from its plain name; so reads
 * keep being served by the old generation while a rebuild runs, and move over when it switches.
 */
@Component
public class Views {

    static final String GENERATIONS = "view_generations";

    private final MongoDatabase database;

    public Views(MongoDatabase database) {
        this.database = database;
    }

    public MongoCollection<Document> collection(String view) {
        var generation = database.getCollection(GENERATIONS).find(eq("_id", view)).first();
        return database.getCollection(generation == null ? view : generation.getString("physical"));
    }

    /** A view document as served: without its id and bookkeeping, dates as instants. */
    public static Map<String, Object> served(Document doc) {
        var served = new LinkedHashMap<String, Object>();
        doc.forEach((field, value) -> {
            if (!field.equals("_id") && !field.equals("_applied")) {
                served.put(field, value instanceof Document nested ? served(nested)
                        : value instanceof Date date ? date.toInstant() : value);
            }
        });
        return served;
    }

    /**
     * Lifts the fields of a ranked sub-document (the first or the latest of its kind, e.g. a campaign's launch) into
     * the served document, as if stored there; its rank is bookkeeping. Fields already there are kept.
     */
    public static void lift(Map<String, Object> served, String field) {
        if (served.remove(field) instanceof Map<?, ?> ranked) {
            ranked.forEach((key, value) -> {
                if (!"rank".equals(key)) {
                    served.putIfAbsent((String) key, value);
                }
            });
        }
    }

    public static long number(Document doc, String field) {
        return doc.get(field) instanceof Number n ? n.longValue() : 0L;
    }

    public static double decimal(Document doc, String field) {
        return doc.get(field) instanceof Number n ? n.doubleValue() : 0.0;
    }

    /** A sub-document of counts, e.g. {@code hoursByRole}, as a map; empty when absent. */
    public static Map<String, Number> counts(Document doc, String field) {
        var counts = new LinkedHashMap<String, Number>();
        if (doc.get(field) instanceof Document nested) {
            nested.forEach((key, value) -> {
                if (value instanceof Number n) {
                    counts.put(key, n);
                }
            });
        }
        return counts;
    }
}
