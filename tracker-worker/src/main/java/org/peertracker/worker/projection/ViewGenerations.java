package org.peertracker.worker.projection;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import java.util.Collection;
import org.bson.Document;
import org.peertracker.views.Generations;
import org.peertracker.views.Projections;
import org.springframework.stereotype.Component;

/**
 * Which generation of each view the readers use, kept in {@code view_generations} as the contract says
 * ({@link Generations}); the API resolves views through the same collection.
 */
@Component
public class ViewGenerations {

    private final MongoDatabase database;
    private final MongoCollection<Document> generations;

    public ViewGenerations(MongoDatabase database) {
        this.database = database;
        this.generations = database.getCollection(Generations.COLLECTION);
    }

    public ProjectionTarget current(String family) {
        var latest = generations
                .find(Filters.eq(Generations.FAMILY, family))
                .sort(new Document(Generations.GENERATION, -1))
                .first();
        return new ProjectionTarget(family, latest == null ? 0 : latest.getInteger(Generations.GENERATION));
    }

    /** Points every view of the family at the target's collections. */
    public void switchTo(ProjectionTarget target, Collection<String> views) {
        for (var view : views) {
            generations.replaceOne(
                    Filters.eq("_id", view),
                    new Document("_id", view)
                            .append(Generations.PHYSICAL, target.collection(view))
                            .append(Generations.FAMILY, target.family())
                            .append(Generations.GENERATION, target.generation()),
                    new ReplaceOptions().upsert(true));
        }
    }

    /** Removes a generation's collections, its positions, its claims and the corrections it kept. */
    public void drop(ProjectionTarget target, Collection<String> views) {
        views.forEach(view -> database.getCollection(target.collection(view)).drop());
        database.getCollection(Projections.Positions.COLLECTION)
                .deleteMany(Filters.eq(Projections.Positions.PROJECTION, target.key()));
        database.getCollection(Projections.Claims.COLLECTION)
                .deleteMany(Filters.eq(Projections.Claims.PROJECTION, target.key()));
        database.getCollection(Projections.Corrections.COLLECTION)
                .deleteMany(Filters.eq(Projections.Corrections.PROJECTION, target.key()));
    }
}
