package org.peertracker.worker.projection;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;

import com.mongodb.MongoWriteException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.peertracker.events.Corrections;
import org.peertracker.events.Event;
import org.peertracker.events.EventCodec;
import org.peertracker.views.Applied;
import org.peertracker.worker.mongo.DocumentUpdate;
import org.peertracker.worker.mongo.Effect;
import org.peertracker.worker.mongo.EventClaims;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies corrections for one projection target: keeps each correction by its target, tells what an event is under
 * the corrections kept for it, and, when a correction arrives after its target, recomputes the documents the target
 * went to and goes to now from all the events that go there (every update commutes, so a document is its events'
 * updates merged). An event and its corrections share a partition (the correction is keyed by the target's subject),
 * so the target's own record was written before its correction is met.
 */
final class Corrector {

    private static final Logger log = LoggerFactory.getLogger(Corrector.class);
    private static final int DUPLICATE_KEY = 11000;
    private static final int MAX_ROUNDS = 10;
    private static final String WRITES = Applied.FIELD + "." + Applied.WRITES;

    private final Projector projector;
    private final ProjectionTarget target;
    private final ProjectionStore store;

    Corrector(Projector projector, ProjectionTarget target, ProjectionStore store) {
        this.projector = projector;
        this.target = target;
        this.store = store;
    }

    /** Keeps a correction by its target, whether or not the target has arrived. */
    void keep(Arrival correction) {
        store.corrections()
                .keep(
                        target.key(),
                        correction.target(),
                        correction.event().eventId().toString(),
                        correction.json());
    }

    /** The updates of each event as the corrections kept for it make it: none for one voided. */
    List<List<ViewUpdate>> project(List<Arrival> events) {
        var kept = store.corrections()
                .of(target.key(), events.stream().map(Arrival::eventId).toList());
        return events.stream()
                .map(e -> updates(e.event(), kept.get(e.eventId())))
                .toList();
    }

    private List<ViewUpdate> updates(Event event, List<String> kept) {
        var effective = kept == null
                ? Optional.of(event)
                : Corrections.effective(
                        event, kept.stream().map(EventCodec::read).toList(), store.correctionWindow());
        return effective.map(projector::project).orElse(List.of());
    }

    /** The documents ({@link Effect#document()}) of this target that updates go to. */
    List<String> documents(List<ViewUpdate> updates) {
        return updates.stream()
                .map(u -> Effect.document(target.collection(u.collection()), u.id()))
                .distinct()
                .toList();
    }

    /**
     * Recomputes what a correction met after its target changes: the target's documents before and after, each from
     * the events in it. Records of the correction's partition up to {@code upTo} are written, so the documents count
     * as standing there. Adds the documents rewritten to {@code changed}, by logical view.
     */
    void correct(Arrival correction, long upTo, Map<String, Set<String>> changed) {
        var claim = store.claims().of(target.key(), correction.target());
        if (claim.isEmpty()) {
            return;
        }
        if (!claim.get().source().equals(correction.source())) {
            log.warn(
                    "{}: a correction of {} came on another partition than its target; documents of the target may "
                            + "lag it",
                    target.key(),
                    correction.target());
        }
        var corrected = EventCodec.read(claim.get().event());
        var now = documents(updates(
                corrected,
                store.corrections()
                        .of(target.key(), List.of(correction.target()))
                        .getOrDefault(correction.target(), List.of())));
        var affected = new LinkedHashSet<String>(claim.get().docs());
        affected.addAll(now);
        // the claim names the documents before and after until every one is rewritten: a correction cut short (the
        // worker stopped, or MongoDB failed over and the batch is written again) finds them all again. A document the
        // event no longer reaches gets nothing of it from the recompute either way
        store.claims().redirect(target.key(), correction.target(), affected);
        for (var document : affected) {
            rewrite(document, correction.source(), upTo);
            var collection = document.substring(0, document.indexOf('/'));
            changed.computeIfAbsent(logical(collection), v -> new LinkedHashSet<>())
                    .add(document.substring(document.indexOf('/') + 1));
        }
        store.claims().redirect(target.key(), correction.target(), now);
    }

    /**
     * Replaces a document by the merge of its events' updates, each event as its corrections make it; guarded by the
     * document's count of writes, so that a write between reading and replacing makes it start over.
     */
    private void rewrite(String document, String source, long upTo) {
        var collection = store.database().getCollection(document.substring(0, document.indexOf('/')));
        var id = document.substring(document.indexOf('/') + 1);
        var view = logical(collection.getNamespace().getCollectionName());
        for (int round = 1; round <= MAX_ROUNDS; round++) {
            var current = collection.find(eq("_id", id)).first();
            var applied = current == null ? new Document() : new Document(current.get(Applied.FIELD, new Document()));
            var writes = applied.get(Applied.WRITES) instanceof Number n ? n.longValue() : null;
            if (!(applied.get(source) instanceof Number stood) || stood.longValue() < upTo) {
                applied.put(source, upTo);
            }
            var in = store.claims().touching(target.key(), document).stream()
                    .filter(c -> c.isIn(document, applied))
                    .toList();
            var kept = store.corrections()
                    .of(
                            target.key(),
                            in.stream().map(EventClaims.Claim::eventId).toList());
            var merged = new DocumentUpdate();
            for (var claim : in) {
                updates(EventCodec.read(claim.event()), kept.get(claim.eventId())).stream()
                        .filter(u -> u.collection().equals(view) && u.id().equals(id))
                        .forEach(u -> merged.merge(u.update()));
            }
            var guard = current == null
                    ? eq("_id", id)
                    : and(eq("_id", id), writes == null ? exists(WRITES, false) : eq(WRITES, writes));
            if (merged.isEmpty()) {
                if (current == null || collection.deleteOne(guard).getDeletedCount() == 1) {
                    return;
                }
                continue;
            }
            applied.put(Applied.WRITES, writes == null ? 1 : writes + 1);
            var replacement = merged.asInserted().append("_id", id).append(Applied.FIELD, applied);
            try {
                if (current == null) {
                    collection.insertOne(replacement);
                    return;
                }
                if (collection.replaceOne(guard, replacement).getMatchedCount() == 1) {
                    return;
                }
            } catch (MongoWriteException e) {
                if (e.getError().getCode() != DUPLICATE_KEY) {
                    throw e;
                }
            }
            log.debug("{}: {} was written while it was recomputed, round {}", target.key(), document, round);
        }
        throw new IllegalStateException("recomputing " + document + " kept losing races");
    }

    private String logical(String physical) {
        return projector.views().stream()
                .filter(v -> target.collection(v).equals(physical))
                .findFirst()
                .orElse(physical);
    }
}
