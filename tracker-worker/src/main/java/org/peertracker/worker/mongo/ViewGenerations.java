package org.peertracker.worker.mongo;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import java.util.Collection;
import org.bson.Document;
import org.peertracker.worker.projection.ProjectionTarget;
import org.springframework.stereotype.Component;

/**
 * Which generation of each view the readers use: {@code view_generations} holds, per view, the physical
 * collection ({@code {_id: "outreach_daily", physical: "outreach_daily__g2", family, generation}}). A view without
 * an entry is read from its plain name (generation 0). The API resolves views through the same collection.
 */
@Component
public class ViewGenerations {

    public static final String COLLECTION = "view_generations";

    private final MongoDatabase database;
    private final MongoCollection<Document> generations;

    public ViewGenerations(MongoDatabase database) {
        this.database = database;
        this.generations = database.getCollection(COLLECTION);
    }

    public ProjectionTarget current(String family) {
        var latest = generations.find(Filters.eq("family", family)).sort(new Document("generation", -1)).first();
        return new ProjectionTarget(family, latest == null ? 0 : latest.getInteger("generation"));
    }

    /** Points every view of the family at the target's collections. */
    public void switchTo(ProjectionTarget target, Collection<String> views) {
        for (var view : views) {
            generations.replaceOne(Filters.eq("_id", view),
                    new Document("_id", view).append("physical", target.collection(view))
                            .append("family", target.family()).append("generation", target.generation()),
                    new ReplaceOptions().upsert(true));
        }
    }

    /** Removes a generation's collections, its positions and its claims. */
    public void drop(ProjectionTarget target, Collection<String> views) {
        views.forEach(view -> database.getCollection(target.collection(view)).drop());
        database.getCollection(Positions.COLLECTION).deleteMany(Filters.eq("projection", target.key()));
        database.getCollection(EventClaims.COLLECTION).deleteMany(Filters.eq("projection", target.key()));
    }
}
