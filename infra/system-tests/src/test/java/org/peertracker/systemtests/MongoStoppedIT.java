package org.peertracker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.peertracker.events.Topics;
import org.peertracker.localstack.EmbeddedMongo;
import org.peertracker.testing.TestInfrastructure;

/**
 * MongoDB stopped under load and started again on the same port with the same data: the intake goes on (it needs
 * only Kafka), the worker waits and resumes where it stood, the views end equal to what was acknowledged and to a
 * from-scratch rebuild, and the set of acknowledged events equals the set in the activity log, with no duplicates.
 */
class MongoStoppedIT {

    private static final String ORG = "mongo-stopped";

    @Test
    void workerWaitsForMongoAndResumesWithoutLosingOrDoublingAnEvent() throws Exception {
        var kafka = TestInfrastructure.kafkaBootstrapServers();
        TestInfrastructure.ensureTopics(kafka, 6, Topics.EVENT_TOPICS);
        FieldApp field = null;
        try (var mongo = EmbeddedMongo.restartable(0);
                var services = ServicesUnderTest.start("mongo-stopped", kafka, mongo.connectionString())) {
            field = new FieldApp(services.api(), ORG);
            field.start();
            await().atMost(Duration.ofSeconds(60))
                    .ignoreExceptions()
                    .until(() -> logged(mongo).size() >= 200);

            mongo.stop();
            long down = System.nanoTime();
            int acknowledgedBefore = field.acknowledged().size();
            var whileDown = field;
            // the intake goes on taking events while the worker cannot write them anywhere, for long enough that
            // the worker's writes fail and it backs off
            await().pollDelay(Duration.ofSeconds(8))
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> whileDown.answeredAfter(down, 202) >= 40);
            long restarting = System.nanoTime();
            mongo.restart();
            assertThat(field.answersWithin(down, restarting))
                    .allSatisfy(a -> assertThat(a.status()).isEqualTo(202));
            System.out.printf(
                    "MongoStoppedIT: MongoDB down %.1f s while %d events were acknowledged%n",
                    (restarting - down) / 1e9, field.acknowledged().size() - acknowledgedBefore);

            var acknowledged = field.settle(Duration.ofSeconds(30));
            var logged = LoggedEvents.awaitEqualTo(acknowledged, () -> logged(mongo), Duration.ofSeconds(90));
            System.out.printf(
                    "MongoStoppedIT: %d events acknowledged, %d logged%n", acknowledged.size(), logged.size());

            field.awaitDailyFigures(Duration.ofSeconds(30));
            services.assertRebuildsReproduce(ORG, 0);
        } finally {
            if (field != null) {
                field.stop();
            }
        }
    }

    private static List<String> logged(EmbeddedMongo.Restartable mongo) {
        return LoggedEvents.of(mongo.connectionString(), ServicesUnderTest.DATABASE, ORG);
    }
}
