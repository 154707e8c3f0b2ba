package org.peertracker.api.system;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.peertracker.testing.TestInfrastructure;
import org.peertracker.views.Generations;

/**
 * A read the intake can do without is bounded by the driver's client-side operation timeout, so that a MongoDB slow to
 * answer (a backlog being written) holds an intake request up half a second at most, not the driver's 30 s of server
 * selection; the read API's own reads are not bounded so.
 */
class ViewsBoundedReadIT {

    static final MongoDatabase database = TestInfrastructure.database("views_bounded_it");

    private final Views views = new Views(database);

    @Test
    void readsTheIntakeCanDoWithoutAreBoundedAndNoOthers() {
        var inside = views.whileReachable(() -> views.collection("activity_log").getTimeout(TimeUnit.MILLISECONDS));
        var outside = views.collection("activity_log").getTimeout(TimeUnit.MILLISECONDS);

        assertThat(inside).isEqualTo(Views.OPTIONAL_READ_TIMEOUT.toMillis());
        assertThat(outside).isNull();
        // the bound ends with the read: the next one on this thread is the read API's again
        assertThat(views.collection("activity_log").getTimeout(TimeUnit.MILLISECONDS))
                .isNull();
    }

    @Test
    void theIntakesReadsReuseTheGenerationTheyFoundForASecondAndTheReadApiLooksItUpEachTime() {
        var generations = database.getCollection(Generations.COLLECTION);
        generations.replaceOne(
                eq(Views.KEY, "campaigns"),
                new Document(Views.KEY, "campaigns").append(Generations.PHYSICAL, "campaigns__g1"),
                new ReplaceOptions().upsert(true));
        // one that keeps what it found for an hour, so that the check below does not race the clock
        var reusing = new Views(database, Duration.ofHours(1));
        assertThat(optionalRead(reusing, "campaigns")).isEqualTo("campaigns__g1");
        assertThat(optionalRead(views, "campaigns")).isEqualTo("campaigns__g1");

        // a rebuild switches the view to its next generation
        generations.updateOne(eq(Views.KEY, "campaigns"), Updates.set(Generations.PHYSICAL, "campaigns__g2"));

        assertThat(views.collection("campaigns").getNamespace().getCollectionName())
                .isEqualTo("campaigns__g2");
        assertThat(optionalRead(reusing, "campaigns")).isEqualTo("campaigns__g1");
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(
                        () -> assertThat(optionalRead(views, "campaigns")).isEqualTo("campaigns__g2"));
    }

    private static String optionalRead(Views views, String view) {
        return views.whileReachable(() -> views.collection(view).getNamespace().getCollectionName());
    }
}
