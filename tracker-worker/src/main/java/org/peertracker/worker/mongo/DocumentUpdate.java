package org.peertracker.worker.mongo;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;

/**
 * An update of one document built from MongoDB update operators that can be merged: several events' updates of
 * the same document become one upsert. Merging follows record order: counts add up, later {@code $set}s win,
 * {@code $max}/{@code $min} keep the extreme, {@code $addToSet} unites, and only the
 * first update's {@code $setOnInsert} counts, since only it could have inserted the document.
 */
public final class DocumentUpdate {

    private final Map<String, Number> inc = new LinkedHashMap<>();
    private final Map<String, Object> set = new LinkedHashMap<>();
    private final Map<String, Object> setOnInsert = new LinkedHashMap<>();
    private final Map<String, Comparable<?>> max = new LinkedHashMap<>();
    private final Map<String, Comparable<?>> min = new LinkedHashMap<>();
    private final Map<String, Set<Object>> addToSet = new LinkedHashMap<>();

    public DocumentUpdate inc(String field, long amount) {
        if (amount != 0) {
            inc.merge(field, amount, DocumentUpdate::sum);
        }
        return this;
    }

    /** Adds a fractional amount, e.g. hours in quarters. */
    public DocumentUpdate inc(String field, double amount) {
        if (amount != 0) {
            inc.merge(field, amount, DocumentUpdate::sum);
        }
        return this;
    }

    private DocumentUpdate inc(String field, Number amount) {
        return amount instanceof Double d ? inc(field, d.doubleValue()) : inc(field, amount.longValue());
    }

    private static Number sum(Number a, Number b) {
        return a instanceof Long x && b instanceof Long y ? x + y : a.doubleValue() + b.doubleValue();
    }

    public DocumentUpdate set(String field, Object value) {
        set.put(field, value);
        setOnInsert.remove(field);
        return this;
    }

    public DocumentUpdate setOnInsert(String field, Object value) {
        if (!set.containsKey(field)) {
            setOnInsert.putIfAbsent(field, value);
        }
        return this;
    }

    public DocumentUpdate max(String field, Comparable<?> value) {
        max.merge(field, value, (a, b) -> compare(a, b) >= 0 ? a : b);
        return this;
    }

    public DocumentUpdate min(String field, Comparable<?> value) {
        min.merge(field, value, (a, b) -> compare(a, b) <= 0 ? a : b);
        return this;
    }

    public DocumentUpdate addToSet(String field, Object value) {
        addToSet.computeIfAbsent(field, f -> new LinkedHashSet<>()).add(value);
        return this;
    }

    /** Folds a later update of the same document into this one. */
    public DocumentUpdate merge(DocumentUpdate later) {
        // only the first update can insert the document: a later one's $setOnInsert would never have applied
        if (isEmpty()) {
            later.setOnInsert.forEach(this::setOnInsert);
        }
        later.inc.forEach(this::inc);
        later.set.forEach(this::set);
        later.max.forEach(this::max);
        later.min.forEach(this::min);
        later.addToSet.forEach((field, values) -> values.forEach(v -> addToSet(field, v)));
        return this;
    }

    public boolean isEmpty() {
        return inc.isEmpty()
                && set.isEmpty()
                && setOnInsert.isEmpty()
                && max.isEmpty()
                && min.isEmpty()
                && addToSet.isEmpty();
    }

    /** The update document, e.g. {@code {$inc: {...}, $set: {...}}}. */
    public Document toBson() {
        var update = new Document();
        put(update, "$inc", inc);
        put(update, "$set", set);
        put(update, "$setOnInsert", setOnInsert);
        put(update, "$max", max);
        put(update, "$min", min);
        if (!addToSet.isEmpty()) {
            var each = new Document();
            addToSet.forEach((field, values) ->
                    each.put(field, new Document("$each", values.stream().toList())));
            update.put("$addToSet", each);
        }
        return update;
    }

    /**
     * The document this update makes when it inserts one: every field at its path (dotted paths make sub-documents),
     * counts from zero, sets as lists. A view document recomputed from its events is the merge of their updates so
     * inserted, since every update of the views commutes.
     */
    public Document asInserted() {
        var document = new Document();
        setOnInsert.forEach((field, value) -> put(document, field, value));
        set.forEach((field, value) -> put(document, field, value));
        inc.forEach((field, value) -> put(document, field, value));
        max.forEach((field, value) -> put(document, field, value));
        min.forEach((field, value) -> put(document, field, value));
        addToSet.forEach((field, values) -> put(document, field, List.copyOf(values)));
        return document;
    }

    private static void put(Document document, String path, Object value) {
        var fields = path.split("\\.");
        var parent = document;
        for (int i = 0; i < fields.length - 1; i++) {
            parent = (Document) parent.computeIfAbsent(fields[i], f -> new Document());
        }
        parent.put(fields[fields.length - 1], value instanceof Ranked r ? r.toDocument() : value);
    }

    @Override
    public String toString() {
        return toBson().toJson();
    }

    private static void put(Document update, String operator, Map<String, ?> fields) {
        if (!fields.isEmpty()) {
            var values = new Document();
            fields.forEach((field, value) -> values.put(field, value instanceof Ranked r ? r.toDocument() : value));
            update.put(operator, values);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Comparable a, Comparable b) {
        return a.compareTo(b);
    }
}
