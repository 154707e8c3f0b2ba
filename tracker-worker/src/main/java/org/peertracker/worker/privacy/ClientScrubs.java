package org.peertracker.worker.privacy;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.List;
import org.bson.conversions.Bson;
import org.peertracker.views.ActivityLog;
import org.peertracker.views.Applied;
import org.peertracker.views.FieldPath;
import org.peertracker.views.Generations;
import org.peertracker.views.SupportCases;

/**
 * Removes an erased client's reference, and a case's needs, from what the views hold already, in every generation
 * (the one readers use, an old one not dropped yet, one a rebuild writes). Idempotent: a notice met twice, or
 * scrubbed again later, changes nothing more. Counts stay: a case stays a case, a contact a contact.
 */
public final class ClientScrubs {

    /** Where a view holds a client reference, and what goes with it. */
    private record Scrub(String view, String refField, List<Bson> updates) {}

    private static final List<Scrub> SCRUBS = List.of(
            new Scrub(
                    SupportCases.COLLECTION,
                    FieldPath.of(SupportCases.OPENING, SupportCases.Opening.CLIENT_REF),
                    List.of(
                            Updates.unset(FieldPath.of(SupportCases.OPENING, SupportCases.Opening.CLIENT_REF)),
                            Updates.set(FieldPath.of(SupportCases.OPENING, SupportCases.Opening.NEEDS), List.of()))),
            new Scrub(
                    ActivityLog.COLLECTION,
                    FieldPath.of(ActivityLog.PAYLOAD, ActivityLog.CLIENT_REF),
                    List.of(
                            Updates.unset(FieldPath.of(ActivityLog.PAYLOAD, ActivityLog.CLIENT_REF)),
                            Updates.unset(FieldPath.of(ActivityLog.PAYLOAD, ActivityLog.NEEDS)))),
            // an amendment's corrected payload
            new Scrub(
                    ActivityLog.COLLECTION,
                    FieldPath.of(ActivityLog.PAYLOAD, ActivityLog.PAYLOAD, ActivityLog.CLIENT_REF),
                    List.of(
                            Updates.unset(
                                    FieldPath.of(ActivityLog.PAYLOAD, ActivityLog.PAYLOAD, ActivityLog.CLIENT_REF)),
                            Updates.unset(FieldPath.of(ActivityLog.PAYLOAD, ActivityLog.PAYLOAD, ActivityLog.NEEDS)))));

    private final MongoDatabase database;

    /**
     * The scrub counts as a write of the document: a correction recomputing it at the same moment then starts over
     * rather than putting back what was scrubbed.
     */
    private static List<Bson> withWrite(List<Bson> updates) {
        var all = new ArrayList<Bson>(updates);
        all.add(Updates.inc(FieldPath.of(Applied.FIELD, Applied.WRITES), 1));
        return all;
    }

    public ClientScrubs(MongoDatabase database) {
        this.database = database;
    }

    /** Scrubs the reference from every generation of every view that holds one; how many documents changed. */
    public long scrub(String orgId, String clientRef) {
        var collections = new ArrayList<String>();
        database.listCollectionNames().forEach(collections::add);
        long changed = 0;
        for (var scrub : SCRUBS) {
            for (var name : collections) {
                if (Generations.holds(name, scrub.view())) {
                    changed += database.getCollection(name)
                            .updateMany(
                                    and(eq(SupportCases.ORG_ID, orgId), eq(scrub.refField(), clientRef)),
                                    Updates.combine(withWrite(scrub.updates())))
                            .getModifiedCount();
                }
            }
        }
        return changed;
    }
}
