package org.peertracker.api.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.peertracker.testing.TestInfrastructure;

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
}
