package org.peertracker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.bson.Document;

/** The output side of a fault test: the eventIds in the activity log of an organisation, read from MongoDB itself. */
final class LoggedEvents {

    private LoggedEvents() {}

    /** Every eventId logged for the organisation, duplicates included; fails fast while MongoDB is away. */
    static List<String> of(String mongoUri, String database, String org) {
        var settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(mongoUri))
                .applyToClusterSettings(c -> c.serverSelectionTimeout(2, TimeUnit.SECONDS))
                .applyToSocketSettings(
                        s -> s.connectTimeout(2, TimeUnit.SECONDS).readTimeout(10, TimeUnit.SECONDS))
                .build();
        try (var client = MongoClients.create(settings)) {
            var db = client.getDatabase(database);
            var generation = db.getCollection("view_generations")
                    .find(Filters.eq("_id", "activity_log"))
                    .first();
            var collection = generation == null ? "activity_log" : generation.getString("physical");
            var ids = new ArrayList<String>();
            db.getCollection(collection)
                    .find(Filters.eq("orgId", org))
                    .projection(new Document("eventId", 1))
                    .forEach((Document doc) -> ids.add(doc.getString("eventId")));
            return ids;
        }
    }

    /**
     * The invariant of every fault test: once the log holds as many events as were acknowledged (waiting up to
     * {@code within}), the logged eventIds are the acknowledged ones, each exactly once. Returns them.
     */
    static List<String> awaitEqualTo(Set<String> acknowledged, Supplier<List<String>> logged, Duration within) {
        await().atMost(within).ignoreExceptions().until(() -> logged.get().size() >= acknowledged.size());
        var ids = logged.get();
        assertThat(new HashSet<>(ids)).as("no duplicates in the activity log").hasSameSizeAs(ids);
        assertThat(ids)
                .as("acknowledged events = logged events")
                .hasSameSizeAs(acknowledged)
                .containsExactlyInAnyOrderElementsOf(acknowledged);
        return ids;
    }
}
