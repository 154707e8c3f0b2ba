package org.peertracker.worker.mongo;

import static com.mongodb.client.model.Filters.in;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.InsertManyOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * De-duplicates events by {@code eventId}: a field app that re-sends an event makes a second Kafka record with the
 * same id, which the offset guard alone would count again. The first record of an event (by its source partition
 * and offset) claims the id for a projection; later records of the same id are dropped. A claim is made before
 * the views are written, and a record that finds its own claim (after a crash or a replay) keeps it, so the
 * outcome is the same however often a record is delivered.
 */
@Component
public class EventClaims {

    public static final String COLLECTION = "event_claims";
    private static final int DUPLICATE_KEY = 11000;

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

    /** Returns the candidates that are the first record of their event for this projection. */
    public Set<Candidate> admit(String projection, List<Candidate> candidates) {
        if (candidates.isEmpty()) {
            return Set.of();
        }
        var admitted = new HashSet<>(candidates);
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
                var holder = holders.get(id(projection, candidate.eventId()));
                boolean own = holder != null && candidate.source().equals(holder.getString("source"))
                        && candidate.offset() == holder.get("offset", Number.class).longValue();
                if (!own) {
                    admitted.remove(candidate);
                }
            }
        }
        return admitted;
    }

    private static String id(String projection, String eventId) {
        return projection + "|" + eventId;
    }
}
