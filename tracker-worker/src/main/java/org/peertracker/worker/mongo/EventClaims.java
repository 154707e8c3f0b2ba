package org.peertracker.worker.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.peertracker.views.Projections;
import org.springframework.stereotype.Component;

/**
 * De-duplicates events by {@code eventId}: a field app that re-sends an event makes a second Kafka record with the
 * same id, which the offset guard alone would count again. The first record of an event (by its source partition
 * and offset) claims the id for a projection; later records of the same id are dropped. A claim is made before
 * the views are written, and a record that finds its own claim (after a crash or a replay) keeps it, so the
 * outcome is the same however often a record is delivered.
 * <p>
 * A record that is dead-lettered because MongoDB refused some of its view writes leaves its claim marked with the
 * documents it did not reach. The next record of the same event (its dead letter replayed, or the app's re-send)
 * takes the claim over and is admitted for those documents only: applied exactly once where it was missing, never
 * twice where it was applied.
 */
@Component
public class EventClaims {

    public static final String COLLECTION = Projections.Claims.COLLECTION;
    private static final int DUPLICATE_KEY = 11000;
    private static final String PROJECTION = Projections.Claims.PROJECTION;
    private static final String SOURCE = Projections.Claims.SOURCE;
    private static final String OFFSET = Projections.Claims.OFFSET;
    private static final String DEAD_LETTERED = Projections.Claims.DEAD_LETTERED;
    private static final String REASON = Projections.Claims.REASON;
    private static final String MISSING = "missing";
    private static final String ONLY = "only";
    private static final String EVENT = Projections.Claims.EVENT;
    private static final String CONTENT = "content";
    private static final String DOCS = "docs";
    private static final String CONFLICTS = Projections.Claims.CONFLICTS;

    private final MongoCollection<Document> claims;

    public EventClaims(MongoDatabase database) {
        this.claims = database.getCollection(COLLECTION);
    }

    /**
     * A record carrying an event.
     *
     * @param eventId the event's id within its organisation ({@code orgId|eventId}): tenants cannot shadow each other
     * @param event   the event as published, kept with the claim: a document is recomputed from its events' when a
     *                correction changes one of them
     * @param content a digest of what the event says (not when it was received, nor by whom): a record of the same
     *                eventId with another content is a conflicting re-send, never applied, and noted on the claim
     * @param docs    the documents ({@link Effect#document()}) the event's updates go to
     */
    public record Candidate(
            String eventId, String source, long offset, String event, String content, List<String> docs) {}

    /** A record that is the same event as another (same source and offset): only its identity matters to a claim. */
    private static boolean sameRecord(Candidate candidate, Document holder) {
        return candidate.source().equals(holder.getString(SOURCE))
                && candidate.offset() == holder.get(OFFSET, Number.class).longValue();
    }

    /**
     * What a record may apply: everything ({@code documents} null), or only the documents (as
     * {@link Effect#document()}) an earlier record of its event did not reach.
     *
     * @param first whether this record claimed its event just now: no earlier record of it wrote anything (a record
     *              delivered again, or a dead letter taken over, may have written documents before)
     */
    public record Admission(Set<String> documents, boolean first) {

        static final Admission FIRST = new Admission(null, true);

        public boolean covers(Effect effect) {
            return documents == null || documents.contains(effect.document());
        }
    }

    /** The candidates that may apply their event, and what they may apply; the others are duplicates. */
    public Map<Candidate, Admission> admit(String projection, List<Candidate> candidates) {
        var admitted = new HashMap<Candidate, Admission>();
        if (candidates.isEmpty()) {
            return admitted;
        }
        candidates.forEach(c -> admitted.put(c, Admission.FIRST));
        var docs = candidates.stream()
                .map(c -> new Document("_id", id(projection, c.eventId()))
                        .append(PROJECTION, projection)
                        .append(SOURCE, c.source())
                        .append(OFFSET, c.offset())
                        .append(EVENT, c.event())
                        .append(CONTENT, c.content())
                        .append(DOCS, c.docs()))
                .toList();
        try {
            claims.insertMany(docs, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            var contested = new ArrayList<Candidate>();
            for (var error : e.getWriteErrors()) {
                if (error.getCode() != DUPLICATE_KEY) {
                    throw e;
                }
                contested.add(candidates.get(error.getIndex()));
            }
            var holders = new HashMap<String, Document>();
            claims.find(in(
                            "_id",
                            contested.stream()
                                    .map(c -> id(projection, c.eventId()))
                                    .toList()))
                    .forEach(doc -> holders.put(doc.getString("_id"), doc));
            for (var candidate : contested) {
                var admission = admission(projection, candidate, holders.get(id(projection, candidate.eventId())));
                if (admission == null) {
                    admitted.remove(candidate);
                } else {
                    admitted.put(candidate, admission);
                }
            }
        }
        return admitted;
    }

    /** What a candidate whose event is claimed already may apply; null when it is a duplicate. */
    private Admission admission(String projection, Candidate candidate, Document holder) {
        if (holder == null) {
            return null;
        }
        boolean own = sameRecord(candidate, holder);
        if (!own
                && candidate.content() != null
                && holder.getString(CONTENT) != null
                && !candidate.content().equals(holder.getString(CONTENT))) {
            // the sender learns of it through the event's status: a correction, not a re-send, changes an event
            claims.updateOne(
                    eq("_id", holder.getString("_id")),
                    Updates.addToSet(
                            CONFLICTS, new Document(SOURCE, candidate.source()).append(OFFSET, candidate.offset())));
            return null;
        }
        if (own) {
            var only = holder.getList(ONLY, String.class);
            return new Admission(only == null ? null : Set.copyOf(only), false);
        }
        if (!holder.getBoolean(DEAD_LETTERED, false)) {
            return null;
        }
        var missing = holder.getList(MISSING, String.class, List.of());
        // taken over only if still dead-lettered by the same record: of two copies of a dead letter, one applies
        var taken = claims.updateOne(
                and(
                        eq("_id", holder.getString("_id")),
                        eq(SOURCE, holder.getString(SOURCE)),
                        eq(OFFSET, holder.get(OFFSET)),
                        eq(DEAD_LETTERED, true)),
                Updates.combine(
                        Updates.set(SOURCE, candidate.source()),
                        Updates.set(OFFSET, candidate.offset()),
                        Updates.set(ONLY, missing),
                        Updates.unset(DEAD_LETTERED),
                        Updates.unset(MISSING),
                        Updates.unset(REASON),
                        Updates.set(EVENT, candidate.event()),
                        Updates.set(DOCS, candidate.docs())));
        return taken.getModifiedCount() == 1 ? new Admission(Set.copyOf(missing), false) : null;
    }

    /**
     * Marks the record's claim dead-lettered with the documents it did not reach, so that the event's next record
     * applies it there. Nothing happens unless the record holds the claim.
     */
    public void deadLettered(String projection, Candidate candidate, Collection<String> missing, String reason) {
        claims.updateOne(
                and(
                        eq("_id", id(projection, candidate.eventId())),
                        eq(SOURCE, candidate.source()),
                        eq(OFFSET, candidate.offset())),
                Updates.combine(
                        Updates.set(DEAD_LETTERED, true),
                        Updates.set(MISSING, List.copyOf(missing)),
                        Updates.set(REASON, reason)));
    }

    /** A claim as stored: which record holds the event, the event itself, and where it went. */
    public record Claim(
            String eventId,
            String source,
            long offset,
            String event,
            List<String> docs,
            List<String> missing,
            List<String> only) {

        /**
         * Whether the event's updates are in {@code document}, whose {@code _applied} offsets are {@code applied}:
         * written by its record (the document stands at or past its offset), unless dead-lettered there; a claim taken
         * over by a replay counts as written by its first record wherever the replay did not have to write.
         */
        public boolean isIn(String document, Document applied) {
            if (missing != null && missing.contains(document)) {
                return false;
            }
            if (only != null && !only.contains(document)) {
                return true;
            }
            return applied.get(source) instanceof Number stood && stood.longValue() >= offset;
        }
    }

    /** The claims of events whose updates go to {@code document}. */
    public List<Claim> touching(String projection, String document) {
        var found = new ArrayList<Claim>();
        claims.find(and(eq(PROJECTION, projection), eq(DOCS, document))).forEach(doc -> found.add(claim(doc)));
        return found;
    }

    /** The claim of an event ({@code orgId|eventId}), if a record holds it. */
    public Optional<Claim> of(String projection, String eventId) {
        return Optional.ofNullable(
                        claims.find(eq("_id", id(projection, eventId))).first())
                .map(EventClaims::claim);
    }

    /** Records where a corrected event's updates go now. */
    public void redirect(String projection, String eventId, Collection<String> docs) {
        claims.updateOne(eq("_id", id(projection, eventId)), Updates.set(DOCS, List.copyOf(docs)));
    }

    private static Claim claim(Document doc) {
        var id = doc.getString("_id");
        return new Claim(
                id.substring(id.indexOf('|') + 1),
                doc.getString(SOURCE),
                doc.get(OFFSET, Number.class).longValue(),
                doc.getString(EVENT),
                doc.getList(DOCS, String.class, List.of()),
                doc.getList(MISSING, String.class),
                doc.getList(ONLY, String.class));
    }

    /**
     * One index: a document's events are found by the documents their updates go to, and a generation's claims are
     * deleted with it by projection, which the same index serves (its prefix). A second index on the projection alone
     * cost every claim one more index entry and served nothing the first does not.
     */
    public static List<IndexModel> indexes() {
        return List.of(new IndexModel(Indexes.ascending(PROJECTION, DOCS)));
    }

    private static String id(String projection, String eventId) {
        return projection + "|" + eventId;
    }
}
