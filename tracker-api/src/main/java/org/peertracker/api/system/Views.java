package org.peertracker.api.system;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.MongoClientException;
import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.peertracker.views.FieldPath;
import org.peertracker.views.Generations;
import org.springframework.stereotype.Component;

/**
 * Read access to the views the worker writes. A view is read from the generation named in
 * {@code view_generations} (after a rebuild, e.g. {@code outreach_daily__g1}), else from its plain name; so reads
 * keep being served by the old generation while a rebuild runs, and move over when it switches.
 */
@Component
public class Views {

    /** MongoDB's own name of the field that holds a document's key ({@code ViewKey}), not one the contract chooses. */
    public static final String KEY = "_id";

    /** How long after a failed read {@link #whileReachable} does not try MongoDB again. */
    static final Duration UNREACHABLE_PAUSE = Duration.ofSeconds(5);

    /** How long a read the intake can do without may take before it is done without. */
    static final Duration OPTIONAL_READ_TIMEOUT = Duration.ofMillis(500);

    /** Whether this thread is inside {@link #whileReachable}: its reads are then bounded. */
    private static final ThreadLocal<Boolean> OPTIONAL = ThreadLocal.withInitial(() -> false);

    private final MongoDatabase database;
    private final MongoDatabase bounded;
    private final AtomicLong unreachableUntil = new AtomicLong(System.nanoTime());

    public Views(MongoDatabase database) {
        this.database = database;
        // the driver's client-side operation timeout: a read past it ends in a MongoOperationTimeoutException
        this.bounded =
                database == null ? null : database.withTimeout(OPTIONAL_READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * A read that the intake can do without (a re-send's record, a case's owner): done within
     * {@link #OPTIONAL_READ_TIMEOUT}, or ended with a {@link MongoException}, or refused at once while a read failed
     * within the last {@link #UNREACHABLE_PAUSE}; so that an outage costs the intake one timeout per pause rather than
     * one per request, and a MongoDB slow to answer (a backlog being written) holds a request up half a second at most
     * rather than the driver's 30 s of server selection.
     */
    public <T> T whileReachable(Supplier<T> read) {
        if (System.nanoTime() - unreachableUntil.get() < 0) {
            throw new MongoClientException("MongoDB was not reachable moments ago; not tried again yet");
        }
        OPTIONAL.set(true);
        try {
            return read.get();
        } catch (MongoException e) {
            unreachableUntil.set(System.nanoTime() + UNREACHABLE_PAUSE.toNanos());
            throw e;
        } finally {
            OPTIONAL.remove();
        }
    }

    /** The database as this thread reads it now: bounded inside {@link #whileReachable}. */
    private MongoDatabase database() {
        return OPTIONAL.get() ? bounded : database;
    }

    /** A collection of the projections' bookkeeping ({@code org.peertracker.views.Projections}, generations). */
    public MongoCollection<Document> bookkeeping(String collection) {
        return database.getCollection(collection);
    }

    public MongoCollection<Document> collection(String view) {
        var database = database();
        var generation =
                database.getCollection(Generations.COLLECTION).find(byKey(view)).first();
        return database.getCollection(generation == null ? view : generation.getString(Generations.PHYSICAL));
    }

    /** What {@code filter} finds in the generation of {@code view} readers use now, in {@code order}, as records. */
    public <T> Listing<T> listing(String view, Bson filter, Bson order, Function<Document, T> read) {
        return new Listing<>(collection(view), filter, order, read);
    }

    /** The document of {@code view} with this key, as a record. */
    public <T> Optional<T> find(String view, String key, Function<Document, T> read) {
        return Optional.ofNullable(collection(view).find(byKey(key)).first()).map(read);
    }

    /** A reference to a field in an aggregation expression, e.g. {@code $opening.peerId}. */
    public static String ref(String... fields) {
        return "$" + FieldPath.of(fields);
    }

    /** The filter for the document with this key. */
    public static Bson byKey(String key) {
        return eq(KEY, key);
    }

    /** The filter for the documents with these keys. */
    public static Bson byKeys(List<String> keys) {
        return in(KEY, keys);
    }

    public static long number(Document doc, String field) {
        return doc.get(field) instanceof Number n ? n.longValue() : 0L;
    }

    public static double decimal(Document doc, String field) {
        return doc.get(field) instanceof Number n ? n.doubleValue() : 0.0;
    }

    /** A count that stays absent while the view has not counted it yet; {@code null} when absent. */
    public static Long count(Document doc, String field) {
        return doc.get(field) instanceof Number n ? n.longValue() : null;
    }

    /** An amount (hours) that stays absent while the view has not counted it yet; {@code null} when absent. */
    public static Double amount(Document doc, String field) {
        return doc.get(field) instanceof Number n ? n.doubleValue() : null;
    }

    public static Instant instant(Document doc, String field) {
        return doc.get(field) instanceof Date date ? date.toInstant() : null;
    }

    /** A sub-document, or an empty one when absent, so that reading a ranked sub-document's fields needs no check. */
    public static Document nested(Document doc, String field) {
        return doc.get(field) instanceof Document nested ? nested : new Document();
    }

    /**
     * A set of strings (peers, cities), sorted: stored in the order the events arrived in, which says nothing; or
     * {@code null} when absent.
     */
    public static List<String> strings(Document doc, String field) {
        if (!(doc.get(field) instanceof List<?> list)) {
            return null;
        }
        return list.stream()
                .filter(Objects::nonNull)
                .map(Object::toString)
                .sorted()
                .toList();
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

    /**
     * A sub-document of whole counts, e.g. {@code materials}, by key in order (stored in the order the events arrived
     * in); {@code null} when absent.
     */
    public static Map<String, Long> wholeCounts(Document doc, String field) {
        if (!(doc.get(field) instanceof Document)) {
            return null;
        }
        var counts = new TreeMap<String, Long>();
        counts(doc, field).forEach((key, n) -> counts.put(key, n.longValue()));
        return counts;
    }

    /** A sub-document of amounts, e.g. {@code hoursByRole}, by key in order; {@code null} when absent. */
    public static Map<String, Double> amounts(Document doc, String field) {
        if (!(doc.get(field) instanceof Document)) {
            return null;
        }
        var amounts = new TreeMap<String, Double>();
        counts(doc, field).forEach((key, n) -> amounts.put(key, n.doubleValue()));
        return amounts;
    }

    /**
     * A sub-document of free form (an event's payload) as plain values: sub-documents as maps, lists element by
     * element, dates as instants.
     */
    public static Map<String, Object> plain(Document doc) {
        var plain = new LinkedHashMap<String, Object>();
        doc.forEach((field, value) -> plain.put(field, plainValue(value)));
        return plain;
    }

    private static Object plainValue(Object value) {
        if (value instanceof Document nested) {
            return plain(nested);
        }
        if (value instanceof Date date) {
            return date.toInstant();
        }
        if (value instanceof List<?> list) {
            var plain = new ArrayList<>(list.size());
            list.forEach(element -> plain.add(plainValue(element)));
            return plain;
        }
        return value;
    }
}
