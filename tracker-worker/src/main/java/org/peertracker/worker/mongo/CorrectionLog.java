package org.peertracker.worker.mongo;

import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.peertracker.views.Projections.Corrections;
import org.springframework.stereotype.Component;

/**
 * The corrections a projection has met, kept by their target ({@code event_corrections}, one document per target and
 * projection: {@code {_id: "projection|orgId|targetEventId", corrections: {<eventId>: <the correction as published>}}}),
 * whether or not the target has arrived: a target that arrives after its corrections is applied as they make it.
 */
@Component
public class CorrectionLog {

    public static final String COLLECTION = Corrections.COLLECTION;

    private final MongoCollection<Document> log;

    public CorrectionLog(MongoDatabase database) {
        this.log = database.getCollection(COLLECTION);
    }

    /**
     * Keeps a correction of {@code target} ({@code orgId|eventId}); the first record of a correction is kept, so a
     * re-delivery writes the same.
     */
    public void keep(String projection, String target, String correctionId, String correction) {
        log.updateOne(
                new Document("_id", id(projection, target)),
                Updates.combine(
                        Updates.set(Corrections.PROJECTION, projection),
                        Updates.set(Corrections.CORRECTIONS + "." + correctionId, correction)),
                new UpdateOptions().upsert(true));
    }

    /** The corrections kept for the targets ({@code orgId|eventId}) that have any, as published. */
    public Map<String, List<String>> of(String projection, Collection<String> targets) {
        var found = new HashMap<String, List<String>>();
        if (targets.isEmpty()) {
            return found;
        }
        log.find(in("_id", targets.stream().map(t -> id(projection, t)).toList()))
                .forEach(doc -> {
                    var id = doc.getString("_id");
                    var corrections = new ArrayList<String>();
                    doc.get(Corrections.CORRECTIONS, new Document()).values().forEach(c -> corrections.add((String) c));
                    found.put(id.substring(id.indexOf('|') + 1), corrections);
                });
        return found;
    }

    /** A generation's corrections are deleted with it, by projection. */
    public static List<IndexModel> indexes() {
        return List.of(new IndexModel(Indexes.ascending(Corrections.PROJECTION)));
    }

    private static String id(String projection, String target) {
        return projection + "|" + target;
    }
}
