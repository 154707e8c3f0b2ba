package org.peertracker.worker.privacy;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.List;
import org.bson.conversions.Bson;
import org.peertracker.views.ActivityLog;
import org.peertracker.views.Applied;
import org.peertracker.views.ClientsReached;
import org.peertracker.views.FieldPath;
import org.peertracker.views.Generations;
import org.peertracker.views.SupportCases;

/**
 * Removes an erased client's reference, and a case's needs, from what the views hold already, in every generation
 * (the one readers use, an old one not dropped yet, one a rebuild writes); where a view counts distinct clients
 * ({@code clients_reached}) the reference is renamed to the erasure's anonymous token, so the count stays.
 * Idempotent: a notice met twice, or scrubbed again later, changes nothing more. Counts stay: a case stays a case, a
 * contact a contact.
 */
public final class ClientScrubs {

    /** Where a view holds a client reference, and what an erasure does there. */
    private record Scrub(String view, String refField, List<Bson> updates) {}

    private final MongoDatabase database;

    public ClientScrubs(MongoDatabase database) {
        this.database = database;
    }

    private static List<Scrub> scrubs(String clientRef, String token) {
        var scrubs = new ArrayList<Scrub>();
        var opening = FieldPath.of(SupportCases.OPENING, SupportCases.Opening.CLIENT_REF);
        scrubs.add(new Scrub(
                SupportCases.COLLECTION,
                opening,
                List.of(
                        Updates.unset(opening),
                        Updates.set(FieldPath.of(SupportCases.OPENING, SupportCases.Opening.NEEDS), List.of()))));
        // an event's payload, and an amendment's corrected payload
        for (var payload :
                List.of(FieldPath.of(ActivityLog.PAYLOAD), FieldPath.of(ActivityLog.PAYLOAD, ActivityLog.PAYLOAD))) {
            scrubs.add(new Scrub(
                    ActivityLog.COLLECTION,
                    FieldPath.of(payload, ActivityLog.CLIENT_REF),
                    List.of(
                            Updates.unset(FieldPath.of(payload, ActivityLog.CLIENT_REF)),
                            Updates.unset(FieldPath.of(payload, ActivityLog.NEEDS)))));
        }
        // a reference is a field name there: only one of the shape the view keeps is renamed
        if (ClientsReached.REFERENCE.matcher(clientRef).matches()
                && token != null
                && ClientsReached.REFERENCE.matcher(token).matches()) {
            var kept = FieldPath.of(ClientsReached.CLIENTS, clientRef);
            scrubs.add(new Scrub(
                    ClientsReached.COLLECTION,
                    kept,
                    List.of(Updates.rename(kept, FieldPath.of(ClientsReached.CLIENTS, token)))));
        }
        return scrubs;
    }

    /**
     * Scrubs the reference from every generation of every view that holds one (renaming it to {@code token} where
     * clients are counted); how many documents changed.
     */
    public long scrub(String orgId, String clientRef, String token) {
        var collections = new ArrayList<String>();
        database.listCollectionNames().forEach(collections::add);
        long changed = 0;
        for (var scrub : scrubs(clientRef, token)) {
            for (var name : collections) {
                if (Generations.holds(name, scrub.view())) {
                    var filter = scrub.view().equals(ClientsReached.COLLECTION)
                            ? exists(scrub.refField())
                            : eq(scrub.refField(), clientRef);
                    changed += database.getCollection(name)
                            .updateMany(
                                    and(eq(SupportCases.ORG_ID, orgId), filter),
                                    Updates.combine(withWrite(scrub.updates())))
                            .getModifiedCount();
                }
            }
        }
        return changed;
    }

    /**
     * The scrub counts as a write of the document: a correction recomputing it at the same moment then starts over
     * rather than putting back what was scrubbed.
     */
    private static List<Bson> withWrite(List<Bson> updates) {
        var all = new ArrayList<Bson>(updates);
        all.add(Updates.inc(FieldPath.of(Applied.FIELD, Applied.WRITES), 1));
        return all;
    }
}
