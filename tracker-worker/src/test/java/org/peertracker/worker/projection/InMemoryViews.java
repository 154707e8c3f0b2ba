package org.peertracker.worker.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoClientSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.bson.BsonDocument;
import org.bson.BsonDocumentReader;
import org.bson.Document;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.DocumentCodec;
import org.peertracker.events.Event;
import org.peertracker.worker.mongo.DocumentUpdate;

/**
 * View documents in memory, upserted by {@code _id} as MongoDB upserts them, from what is really sent: each
 * {@link DocumentUpdate#toBson()} encoded and decoded by the driver's codecs (so an {@code Instant} comes back a date
 * to the millisecond). It knows {@code $inc}, {@code $set}, {@code $setOnInsert} (on insert only), {@code $max} and
 * {@code $min} (embedded documents compared field by field, so a {@code Ranked} by its rank), {@code $addToSet} with
 * {@code $each}, and dotted paths; anything else, and any update MongoDB would refuse, fails the test.
 */
public final class InMemoryViews {

    private static final DocumentCodec CODEC = new DocumentCodec(MongoClientSettings.getDefaultCodecRegistry());

    private final Map<String, Map<String, Document>> collections = new TreeMap<>();

    /** The views after the projector's updates of each event, one event after the other. */
    public static InMemoryViews project(Projector projector, List<Event> events) {
        var views = new InMemoryViews();
        events.forEach(event -> views.apply(projector.project(event)));
        return views;
    }

    /**
     * The views after the events cut into batches, each document's updates in a batch merged into one upsert, as
     * the guarded writer merges a batch of records.
     */
    public static InMemoryViews projectInBatches(Projector projector, List<Event> events, int size) {
        var views = new InMemoryViews();
        for (int from = 0; from < events.size(); from += size) {
            var merged = new LinkedHashMap<List<String>, DocumentUpdate>();
            events.subList(from, Math.min(events.size(), from + size))
                    .forEach(event -> projector
                            .project(event)
                            .forEach(u -> merged.computeIfAbsent(
                                            List.of(u.collection(), u.id()), d -> new DocumentUpdate())
                                    .merge(u.update())));
            merged.forEach((doc, update) -> views.apply(new ViewUpdate(doc.get(0), doc.get(1), update)));
        }
        return views;
    }

    /**
     * That the projector ends in {@code expected} whatever order the events arrive in (six orders, shuffled with a
     * fixed seed) and however they are batched (one by one and {@code batch} at a time). Where a view lists what it
     * holds in order of arrival, {@code listsInArrivalOrder} compares those lists as sets; all else must be equal.
     */
    public static void assertEndsTheSameInAnyOrder(
            Projector projector,
            List<Event> events,
            Map<String, List<Document>> expected,
            int batch,
            boolean listsInArrivalOrder) {
        for (var order : PublishedEvents.shuffled(events, 6)) {
            var oneByOne = project(projector, order).snapshot();
            if (listsInArrivalOrder) {
                assertThat(oneByOne)
                        .usingRecursiveComparison()
                        .ignoringCollectionOrder()
                        .isEqualTo(expected);
            } else {
                assertThat(oneByOne).isEqualTo(expected);
            }
            assertThat(projectInBatches(projector, order, batch).snapshot()).isEqualTo(oneByOne);
        }
    }

    public InMemoryViews apply(List<ViewUpdate> updates) {
        updates.forEach(this::apply);
        return this;
    }

    /** One upsert, applied whole or, when MongoDB would refuse it, not at all. */
    public InMemoryViews apply(ViewUpdate update) {
        var operators = asSent(update.update().toBson());
        refuseConflicts(operators);
        var collection = collections.computeIfAbsent(update.collection(), c -> new TreeMap<>());
        var stored = collection.get(update.id());
        var doc = stored == null ? new Document("_id", update.id()) : asSent(stored);
        operators.forEach((operator, fields) -> ((Document) fields).forEach((path, value) -> {
            var current = value(doc, path);
            switch (operator) {
                case "$inc" -> put(doc, path, add(current, (Number) value, path));
                case "$set" -> put(doc, path, value);
                case "$setOnInsert" -> {
                    if (stored == null) {
                        put(doc, path, value);
                    }
                }
                case "$max" -> put(doc, path, current == null || compare(value, current) > 0 ? value : current);
                case "$min" -> put(doc, path, current == null || compare(value, current) < 0 ? value : current);
                case "$addToSet" -> put(doc, path, addToSet(current, value, path));
                default -> throw new IllegalArgumentException("no " + operator + " in these views: " + operators);
            }
        }));
        collection.put(update.id(), doc);
        return this;
    }

    /** A document by its id, null while no update has made it. */
    public Document document(String collection, String id) {
        return collections.getOrDefault(collection, Map.of()).get(id);
    }

    /** A collection's documents, by id. */
    public List<Document> documents(String collection) {
        return List.copyOf(collections.getOrDefault(collection, Map.of()).values());
    }

    /** Every collection written, with its documents by id. */
    public Map<String, List<Document>> snapshot() {
        return snapshot(collections.keySet());
    }

    /** The named collections with their documents by id, empty ones too: the shape of an IT's snapshot. */
    public Map<String, List<Document>> snapshot(Collection<String> views) {
        var snapshot = new LinkedHashMap<String, List<Document>>();
        views.forEach(view -> snapshot.put(view, documents(view)));
        return snapshot;
    }

    /** As the driver writes a document and reads it back. */
    private static Document asSent(Document document) {
        var bson = document.toBsonDocument(BsonDocument.class, MongoClientSettings.getDefaultCodecRegistry());
        return CODEC.decode(
                new BsonDocumentReader(bson), DecoderContext.builder().build());
    }

    /** MongoDB refuses an update that names a path twice, or a path and a field within it. */
    private static void refuseConflicts(Document operators) {
        var paths = new ArrayList<String>();
        operators.values().forEach(fields -> paths.addAll(((Document) fields).keySet()));
        for (int i = 0; i < paths.size(); i++) {
            for (int j = 0; j < paths.size(); j++) {
                var a = paths.get(i);
                var b = paths.get(j);
                if (i != j && (a.equals(b) || a.startsWith(b + "."))) {
                    throw new IllegalArgumentException("updating " + a + " would create a conflict at " + b);
                }
            }
        }
    }

    private static Object value(Document doc, String path) {
        return ViewDocuments.value(doc, path);
    }

    private static void put(Document doc, String path, Object value) {
        var fields = path.split("\\.");
        var parent = doc;
        for (var field : Arrays.asList(fields).subList(0, fields.length - 1)) {
            if (!parent.containsKey(field)) {
                parent.put(field, new Document());
            }
            if (!(parent.get(field) instanceof Document child)) {
                throw new IllegalArgumentException(
                        "cannot create " + path + " within " + field + ": " + parent.get(field));
            }
            parent = child;
        }
        parent.put(fields[fields.length - 1], value);
    }

    /** Numbers add up in the wider type: whole numbers stay whole, a fraction makes a double. */
    private static Number add(Object current, Number amount, String path) {
        if (current == null) {
            return amount;
        }
        if (!(current instanceof Number number)) {
            throw new IllegalArgumentException("cannot $inc " + path + ", which holds " + current);
        }
        if (number instanceof Double || amount instanceof Double) {
            return number.doubleValue() + amount.doubleValue();
        }
        if (number instanceof Integer x && amount instanceof Integer y) {
            return Math.addExact(x, y);
        }
        return number.longValue() + amount.longValue();
    }

    private static List<Object> addToSet(Object current, Object value, String path) {
        if (current != null && !(current instanceof List)) {
            throw new IllegalArgumentException("cannot $addToSet to " + path + ", which holds " + current);
        }
        var members = current == null ? new ArrayList<Object>() : new ArrayList<Object>((List<?>) current);
        var added = value instanceof Document each && each.containsKey("$each")
                ? each.getList("$each", Object.class)
                : List.of(value);
        added.stream().filter(member -> !members.contains(member)).forEach(members::add);
        return members;
    }

    /** MongoDB's order for the values these views compare: null first, embedded documents field by field. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compare(Object a, Object b) {
        if (Objects.equals(a, b)) {
            return 0;
        }
        if (a == null || b == null) {
            return a == null ? -1 : 1;
        }
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        if (a instanceof Document x && b instanceof Document y) {
            var left = x.entrySet().iterator();
            var right = y.entrySet().iterator();
            while (left.hasNext() && right.hasNext()) {
                var l = left.next();
                var r = right.next();
                int order = l.getKey().equals(r.getKey())
                        ? compare(l.getValue(), r.getValue())
                        : l.getKey().compareTo(r.getKey());
                if (order != 0) {
                    return order;
                }
            }
            return Boolean.compare(left.hasNext(), right.hasNext());
        }
        if (a instanceof Comparable x && a.getClass() == b.getClass()) {
            return x.compareTo(b);
        }
        throw new IllegalArgumentException("no comparison of " + a + " with " + b + " in these views");
    }
}
