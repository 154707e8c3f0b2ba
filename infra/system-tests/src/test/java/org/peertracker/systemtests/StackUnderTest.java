package org.peertracker.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.peertracker.events.Topics;
import org.peertracker.testing.TestInfrastructure;
import org.peertracker.testing.TestTokens;

/**
 * tracker-api and tracker-worker as separate processes, from their runnable jars, against the test JVM's Kafka
 * broker and MongoDB: the system as it is deployed. One pair per test JVM ({@link ServicesUnderTest} of one API and
 * one worker, logging to {@code target/service-logs/e2e/}); the worker can be killed and restarted. Both run with the
 * local profile, trusting the tokens of {@link TestTokens#shared()} (a key file the test writes).
 */
final class StackUnderTest {

    private static StackUnderTest instance;

    final String database = TestInfrastructure.uniqueDatabase("e2e");
    private final ServicesUnderTest services;

    private StackUnderTest() throws IOException, InterruptedException {
        TestInfrastructure.ensureTopics(6, Topics.EVENT_TOPICS);
        services = ServicesUnderTest.start(
                "e2e", TestInfrastructure.kafkaBootstrapServers(), TestInfrastructure.mongoUri(), database, 1, 1);
    }

    static synchronized StackUnderTest get() {
        if (instance == null) {
            try {
                instance = new StackUnderTest();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop));
        }
        return instance;
    }

    String api() {
        return services.api();
    }

    String worker() {
        return services.worker();
    }

    /** Where the API's and the worker's logs are written ({@code api.log}, {@code worker.log}). */
    Path logs() {
        return services.logs();
    }

    void startWorker() throws IOException, InterruptedException {
        services.startWorker(0);
    }

    /** Kills the worker as {@code kill -9} would: no shutdown hook, no last commit. */
    void killWorker() throws InterruptedException {
        services.killWorker(0);
    }

    private void stop() {
        try {
            services.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
