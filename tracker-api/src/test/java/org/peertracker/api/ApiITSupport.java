package org.peertracker.api;

import com.mongodb.client.MongoDatabase;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bson.Document;
import org.peertracker.events.Event;
import org.peertracker.events.EventCodec;
import org.peertracker.testing.TestInfrastructure;
import org.peertracker.testing.TestTokens;
import org.peertracker.views.ActivityLog;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The API on a random port with the {@code local} profile, for the integration tests. Each subclass still points it at
 * a database of its own in a {@code @DynamicPropertySource} of its own ({@link #infrastructure}), and so gets an
 * application context of its own: some of them seed the projections' bookkeeping (generations, positions), which
 * every reader of the database would follow.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("local")
public abstract class ApiITSupport {

    @LocalServerPort
    protected int port;

    /** The database the API reads its views from, where a test seeds them as the worker writes them. */
    @Autowired
    protected MongoDatabase views;

    /** An event's entry in the activity log as the worker writes it, and as the API reads it, written here. */
    protected void logged(String org, Event event) {
        var entry = new Document("_id", ActivityLog.key(org, event.eventId().toString()))
                .append(ActivityLog.ORG_ID, org)
                .append(ActivityLog.EVENT_ID, event.eventId().toString())
                .append(ActivityLog.TYPE, event.type())
                .append(ActivityLog.PEER_ID, event.peerId())
                .append(ActivityLog.SUBJECT, event.key())
                .append(ActivityLog.OCCURRED_AT, Date.from(event.occurredAt()))
                .append(ActivityLog.RECEIVED_AT, Date.from(event.receivedAt()))
                .append(ActivityLog.PAYLOAD, Document.parse(EventCodec.mapper().writeValueAsString(event.payload())));
        if (event.submittedBy() != null) {
            entry.append(
                    ActivityLog.SUBMITTED_BY,
                    Document.parse(EventCodec.mapper().writeValueAsString(event.submittedBy())));
        }
        views.getCollection(ActivityLog.COLLECTION).insertOne(entry);
    }

    /**
     * The API's settings against the shared Kafka and MongoDB, in a database of its own named after {@code prefix},
     * with the test secret and the key of {@link TestTokens#shared()}.
     */
    protected static Map<String, String> infrastructure(String prefix) {
        var properties =
                new LinkedHashMap<>(TestInfrastructure.springProperties(TestInfrastructure.uniqueDatabase(prefix)));
        properties.put("tracker.pseudonymisation.secret", "test-secret");
        properties.put("tracker.security.dev-key", TestTokens.shared().keyFile().toString());
        return properties;
    }

    /** {@link #infrastructure(String)}, registered. */
    protected static void infrastructure(DynamicPropertyRegistry registry, String prefix) {
        infrastructure(prefix).forEach((key, value) -> registry.add(key, () -> value));
    }
}
