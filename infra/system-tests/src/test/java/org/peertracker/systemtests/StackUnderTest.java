package org.peertracker.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.peertracker.events.Topics;
import org.peertracker.localstack.ChildProcess;
import org.peertracker.testing.TestInfrastructure;
import org.peertracker.testing.TestTokens;

/**
 * tracker-api and tracker-worker as separate processes, from their runnable jars, against the test JVM's Kafka
 * broker and MongoDB: the system as it is deployed. One pair per test JVM; the worker can be killed and restarted.
 * Both run with the local profile, trusting the tokens of {@link TestTokens#shared()} (a key file the test writes).
 */
final class StackUnderTest {

    private static final Duration STARTUP = Duration.ofSeconds(120);
    private static StackUnderTest instance;

    final String database = TestInfrastructure.uniqueDatabase("e2e");
    final String groupPrefix = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
    final int apiPort = freePort();
    final int workerPort = freePort();
    final Path logs = Path.of("target", "e2e-logs");
    private ChildProcess api;
    private ChildProcess worker;

    static synchronized StackUnderTest get() {
        if (instance == null) {
            instance = new StackUnderTest();
            instance.start();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop));
        }
        return instance;
    }

    String api() {
        return "http://127.0.0.1:" + apiPort;
    }

    String worker() {
        return "http://127.0.0.1:" + workerPort;
    }

    private void start() {
        try {
            TestInfrastructure.ensureTopics(6, Topics.EVENT_TOPICS);
            api = ChildProcess.startJar(
                    "tracker-api",
                    jar("tracker.api.jar"),
                    List.of("-Xmx256m"),
                    Map.of(
                            "KAFKA_BOOTSTRAP_SERVERS", TestInfrastructure.kafkaBootstrapServers(),
                            "MONGODB_URI", TestInfrastructure.mongoUri(),
                            "MONGODB_DATABASE", database,
                            "API_PORT", String.valueOf(apiPort),
                            "TRACKER_PSEUDONYMISATION_SECRET", "e2e-" + UUID.randomUUID(),
                            "TRACKER_PSEUDONYMISATION_DERIVE_ORG_KEYS", "true",
                            "TRACKER_TOPICS_REPLICATION_FACTOR", String.valueOf(TestInfrastructure.REPLICATION_FACTOR),
                            "TRACKER_TOPICS_MIN_INSYNC_REPLICAS",
                                    String.valueOf(TestInfrastructure.MIN_INSYNC_REPLICAS),
                            "SPRING_PROFILES_ACTIVE", "local",
                            "TRACKER_SECURITY_DEV_KEY", devKey()),
                    logs.resolve("api.log"));
            startWorker();
            api.awaitHealthy(URI.create(api() + "/actuator/health"), STARTUP);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    void startWorker() throws IOException, InterruptedException {
        worker = ChildProcess.startJar(
                "tracker-worker",
                jar("tracker.worker.jar"),
                List.of("-Xmx256m"),
                Map.of(
                        "KAFKA_BOOTSTRAP_SERVERS", TestInfrastructure.kafkaBootstrapServers(),
                        "MONGODB_URI", TestInfrastructure.mongoUri(),
                        "MONGODB_DATABASE", database,
                        "WORKER_PORT", String.valueOf(workerPort),
                        "TRACKER_PROJECTION_GROUP_PREFIX", groupPrefix,
                        "TRACKER_TOPICS_REPLICATION_FACTOR", String.valueOf(TestInfrastructure.REPLICATION_FACTOR),
                        "TRACKER_TOPICS_MIN_INSYNC_REPLICAS", String.valueOf(TestInfrastructure.MIN_INSYNC_REPLICAS),
                        "SPRING_PROFILES_ACTIVE", "local",
                        "TRACKER_SECURITY_DEV_KEY", devKey(),
                        // batches take milliseconds here: a rebuild's old generation need not wait 30 s
                        "TRACKER_REBUILD_DROP_GRACE", "2s"),
                logs.resolve("worker.log"));
        worker.awaitHealthy(URI.create(worker() + "/actuator/health"), STARTUP);
    }

    /** Kills the worker as {@code kill -9} would: no shutdown hook, no last commit. */
    void killWorker() throws InterruptedException {
        worker.kill();
    }

    private void stop() {
        try {
            if (worker != null) {
                worker.stop(Duration.ofSeconds(20));
            }
            if (api != null) {
                api.stop(Duration.ofSeconds(20));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The public half of the tests' signing key, which both services trust with their local profile. */
    private static String devKey() {
        return TestTokens.shared().keyFile().toAbsolutePath().toString();
    }

    private static Path jar(String property) {
        var jar = System.getProperty(property);
        if (jar == null) {
            throw new IllegalStateException(property + " is not set: run through Maven (failsafe sets it)");
        }
        return Path.of(jar);
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
