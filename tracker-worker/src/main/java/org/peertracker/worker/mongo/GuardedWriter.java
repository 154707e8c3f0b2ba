package org.peertracker.worker.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Projections.include;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.peertracker.views.Applied;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Applies effects to view documents exactly once without transactions. Each document keeps, per source
 * partition, the offset of the last record applied to it ({@code _applied}). For a batch: read those offsets,
 * drop effects already applied, merge the rest into one upsert per document whose filter requires the offsets
 * just read, and send all upserts as one unordered {@code bulkWrite}. A filter that no longer matches (seen as
 * duplicate key 11000 on the upsert) means another writer got there first: that document is re-read and redone.
 */
@Component
public class GuardedWriter {

    private static final String APPLIED = Applied.FIELD;
    private static final String WRITES = Applied.FIELD + "." + Applied.WRITES;
    private static final int DUPLICATE_KEY = 11000;
    private static final int MAX_ROUNDS = 10;
    private static final Logger log = LoggerFactory.getLogger(GuardedWriter.class);

    private final MongoDatabase database;

    public GuardedWriter(MongoDatabase database) {
        this.database = database;
    }

    /**
     * Applies the effects, given in record order; effects already applied to their document change nothing. When
     * MongoDB refuses the updates of some documents, the others are applied all the same, and then
     * {@link ViewWriteRefused} names the documents that were not.
     */
    public void apply(List<Effect> effects) {
        var missing = new LinkedHashSet<String>();
        MongoBulkWriteException refusal = null;
        var byCollection = effects.stream()
                .collect(Collectors.groupingBy(
                        Effect::collection,
                        LinkedHashMap::new,
                        Collectors.groupingBy(Effect::id, LinkedHashMap::new, Collectors.toList())));
        for (var collection : byCollection.entrySet()) {
            var refused = applyTo(collection.getKey(), collection.getValue());
            if (refused != null) {
                refused.ids().forEach(id -> missing.add(Effect.document(collection.getKey(), id)));
                refusal = refusal == null ? refused.cause() : refusal;
            }
        }
        if (refusal != null) {
            throw new ViewWriteRefused(missing, refusal);
        }
    }

    /** The documents of one collection whose updates MongoDB refused; the others of its bulk write were applied. */
    private record Refused(List<String> ids, MongoBulkWriteException cause) {}

    /** Applies one collection's effects; answers what MongoDB refused, null when it applied them all. */
    private Refused applyTo(String collectionName, Map<String, List<Effect>> effectsById) {
        var collection = database.getCollection(collectionName);
        var pending = effectsById;
        for (int round = 1; round <= MAX_ROUNDS; round++) {
            var applied = appliedOffsets(collectionName, pending.keySet());
            var ids = new ArrayList<String>();
            var upserts = new ArrayList<WriteModel<Document>>();
            pending.forEach(
                    (id, effects) -> upsert(id, effects, applied.get(id)).ifPresent(model -> {
                        ids.add(id);
                        upserts.add(model);
                    }));
            if (upserts.isEmpty()) {
                return null;
            }
            try {
                collection.bulkWrite(upserts, new BulkWriteOptions().ordered(false));
                return null;
            } catch (MongoBulkWriteException e) {
                if (e.getWriteConcernError() != null) {
                    throw e;
                }
                if (e.getWriteErrors().stream().anyMatch(error -> error.getCode() != DUPLICATE_KEY)) {
                    // the upserts without an error were applied; those with one (a refusal, or a lost race not
                    // redone now) were not
                    return new Refused(
                            e.getWriteErrors().stream()
                                    .map(error -> ids.get(error.getIndex()))
                                    .toList(),
                            e);
                }
                var lost = new LinkedHashMap<String, List<Effect>>();
                for (var error : e.getWriteErrors()) {
                    var id = ids.get(error.getIndex());
                    lost.put(id, pending.get(id));
                }
                log.debug(
                        "{}: {} guarded upserts lost a race in round {}, redoing them",
                        collectionName,
                        lost.size(),
                        round);
                pending = lost;
            }
        }
        throw new IllegalStateException(
                "guarded upserts of " + collectionName + " kept losing races: " + pending.keySet());
    }

    private Optional<WriteModel<Document>> upsert(String id, List<Effect> effects, Document applied) {
        var merged = new DocumentUpdate();
        var highest = new LinkedHashMap<String, Long>();
        for (var effect : effects) {
            var stored = storedOffset(applied, effect.source());
            if (stored != null && effect.offset() <= stored) {
                continue;
            }
            merged.merge(effect.update());
            highest.merge(effect.source(), effect.offset(), Math::max);
        }
        if (highest.isEmpty()) {
            return Optional.empty();
        }
        var guards = new ArrayList<Bson>();
        guards.add(eq("_id", id));
        highest.forEach((source, offset) -> {
            var stored = storedOffset(applied, source);
            guards.add(stored == null ? exists(APPLIED + "." + source, false) : eq(APPLIED + "." + source, stored));
            merged.set(APPLIED + "." + source, offset);
        });
        // every write counts, so that a document recomputed from its events is replaced only if none came between
        merged.inc(WRITES, 1);
        return Optional.of(new UpdateOneModel<>(and(guards), merged.toBson(), new UpdateOptions().upsert(true)));
    }

    private Map<String, Document> appliedOffsets(String collectionName, Set<String> ids) {
        var result = new HashMap<String, Document>();
        database.getCollection(collectionName)
                .find(in("_id", ids))
                .projection(include(APPLIED))
                .forEach(doc -> result.put(doc.getString("_id"), doc.get(APPLIED, new Document())));
        return result;
    }

    private static Long storedOffset(Document applied, String source) {
        if (applied == null) {
            return null;
        }
        var value = applied.get(source);
        return value instanceof Number n ? n.longValue() : null;
    }
}
