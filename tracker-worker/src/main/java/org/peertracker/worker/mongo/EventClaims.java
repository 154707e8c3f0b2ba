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
import java.util.Set;
import org.bson.Document;
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

    public static final String COLLECTION = "event_claims";
    private static final int DUPLICATE_KEY = 11000;
    private static final String DEAD_LETTERED = "deadLettered";
    private static final String MISSING = "missing";
    private static final String ONLY = "only";

    private final MongoCollection<Document> claims;

    public EventClaims(MongoDatabase database) {
        this.claims = database.getCollection(COLLECTION);
    }

    /**
     * A record carrying an event.
     *
     * @param eventId the event's id within its organisation ({@code orgId|eventId}): tenants cannot shadow each other
     */
    public record Candidate(String eventId, String source, long offset) {
    }

    /**
     * What a record may apply: everything ({@code documents} null), or only the documents (as
     * {@link Effect#document()}) an earlier record of its event did not reach.
     */
    public record Admission(Set<String> documents) {

        static final Admission ALL = new Admission(null);

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
        candidates.forEach(c -> admitted.put(c, Admission.ALL));
        var docs = candidates.stream().map(c -> new Document("_id", id(projection, c.eventId()))
                .append("projection", projection).append("source", c.source()).append("offset", c.offset())).toList();
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
            claims.find(in("_id", contested.stream().map(c -> id(projection, c.eventId())).toList()))
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
        boolean own = candidate.source().equals(holder.getString("source"))
                && candidate.offset() == holder.get("offset", Number.class).longValue();
        if (own) {
            var only = holder.getList(ONLY, String.class);
            return only == null ? Admission.ALL : new Admission(Set.copyOf(only));
        }
        if (!holder.getBoolean(DEAD_LETTERED, false)) {
            return null;
        }
        var missing = holder.getList(MISSING, String.class, List.of());
        // taken over only if still dead-lettered by the same record: of two copies of a dead letter, one applies
        var taken = claims.updateOne(and(eq("_id", holder.getString("_id")), eq("source", holder.getString("source")),
                        eq("offset", holder.get("offset")), eq(DEAD_LETTERED, true)),
                Updates.combine(Updates.set("source", candidate.source()), Updates.set("offset", candidate.offset()),
                        Updates.set(ONLY, missing), Updates.unset(DEAD_LETTERED), Updates.unset(MISSING)));
        return taken.getModifiedCount() == 1 ? new Admission(Set.copyOf(missing)) : null;
    }

    /**
     * Marks the record's claim dead-lettered with the documents it did not reach, so that the event's next record
     * applies it there. Nothing happens unless the record holds the claim.
     */
    public void deadLettered(String projection, Candidate candidate, Collection<String> missing) {
        claims.updateOne(and(eq("_id", id(projection, candidate.eventId())), eq("source", candidate.source()),
                        eq("offset", candidate.offset())),
                Updates.combine(Updates.set(DEAD_LETTERED, true), Updates.set(MISSING, List.copyOf(missing))));
    }

    /** A generation's claims are deleted with it: by projection, which this index serves. */
    public static List<IndexModel> indexes() {
        return List.of(new IndexModel(Indexes.ascending("projection")));
    }

    private static String id(String projection, String eventId) {
        return projection + "|" + eventId;
    }
}
