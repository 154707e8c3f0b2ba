package org.peertracker.systemtests;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.peertracker.localstack.EmbeddedMongo;

/** The embedded MongoDB-compatible server as the fault tests and the benchmark rely on it. */
class EmbeddedMongoTest {

    @Test
    void guardedUpsertsByIdMatchExactlyAsBefore() {
        try (var mongo = EmbeddedMongo.restartable(0);
                var client = MongoClients.create(mongo.connectionString())) {
            var views = client.getDatabase("t").getCollection("views");
            for (int i = 0; i < 100; i++) {
                views.insertOne(new Document("_id", "org|" + i).append("_applied", new Document("p0", 5L)));
            }
            var upsert = new UpdateOptions().upsert(true);
            // the guard holds: applied
            views.updateOne(
                    and(eq("_id", "org|7"), eq("_applied.p0", 5L)),
                    Updates.combine(Updates.inc("n", 1), Updates.set("_applied.p0", 6L)),
                    upsert);
            assertThat(views.find(eq("_id", "org|7")).first()).containsEntry("n", 1);
            // the guard lost a race: the upsert's insert collides with the document, as on MongoDB
            assertThatThrownBy(() -> views.updateOne(
                            and(eq("_id", "org|7"), eq("_applied.p0", 5L)), Updates.inc("n", 1), upsert))
                    .isInstanceOf(MongoWriteException.class)
                    .hasMessageContaining("E11000");
            // a missing guard field must still be missing
            views.updateOne(and(eq("_id", "org|8"), exists("_applied.p1", false)), Updates.inc("n", 1), upsert);
            views.updateOne(and(eq("_id", "org|new"), exists("_applied.p1", false)), Updates.inc("n", 1), upsert);
            assertThat(views.find(eq("_id", "org|8")).first()).containsEntry("n", 1);
            assertThat(views.find(eq("_id", "org|new")).first()).containsEntry("n", 1);
            assertThat(views.countDocuments(and(eq("_id", "org|9"), eq("_applied.p0", 4L))))
                    .isZero();
            assertThat(views.countDocuments()).isEqualTo(101);
        }
    }

    @Test
    void aRestartableServerComesBackOnItsPortWithItsData() {
        try (var mongo = EmbeddedMongo.restartable(0)) {
            var settings = MongoClientSettings.builder()
                    .applyConnectionString(new ConnectionString(mongo.connectionString()))
                    .applyToClusterSettings(c -> c.serverSelectionTimeout(1, TimeUnit.SECONDS))
                    .build();
            try (var client = MongoClients.create(settings)) {
                var collection = client.getDatabase("t").getCollection("c");
                collection.insertOne(new Document("_id", "kept"));
                mongo.stop();
                assertThat(mongo.isListening()).isFalse();
                assertThatThrownBy(collection::countDocuments).isInstanceOf(com.mongodb.MongoException.class);
                mongo.restart();
                assertThat(collection.find(eq("_id", "kept")).first()).isNotNull();
            }
        }
    }
}
