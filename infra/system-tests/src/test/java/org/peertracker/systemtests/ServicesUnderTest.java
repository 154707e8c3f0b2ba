package org.peertracker.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.peertracker.localstack.ChildProcess;
import org.peertracker.testing.TestInfrastructure;
import org.peertracker.testing.TestTokens;

/**
 * A tracker-api and tracker-worker pair of a fault test's own, as processes from their runnable jars (the local
 * profile, trusting {@link TestTokens#shared()}), against the Kafka and the MongoDB that the test owns and breaks.
 */
final class ServicesUnderTest implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(150);

    /** The database both services use in the test's MongoDB. */
    static final String DATABASE = "faults";

    private final ChildProcess api;
    private final ChildProcess worker;
    private final int apiPort;
    private final int workerPort;

    private ServicesUnderTest(ChildProcess api, ChildProcess worker, int apiPort, int workerPort) {
        this.api = api;
        this.worker = worker;
        this.apiPort = apiPort;
        this.workerPort = workerPort;
    }

    /**
     * Starts both at once (the topics must exist: see {@link #createTopics}) and returns when both are healthy;
     * their logs go to {@code target/fault-logs/<name>/}.
     */
    static ServicesUnderTest start(String name, String kafka, String mongoUri)
            throws IOException, InterruptedException {
        var logs = Path.of("target", "fault-logs", name);
        int apiPort = freePort();
        int workerPort = freePort();
        var common = Map.of(
                "KAFKA_BOOTSTRAP_SERVERS",
                kafka,
                "MONGODB_URI",
                mongoUri,
                "MONGODB_DATABASE",
                DATABASE,
                "SPRING_PROFILES_ACTIVE",
                "local",
                "TRACKER_SECURITY_DEV_KEY",
                TestTokens.shared().keyFile().toAbsolutePath().toString(),
                // one broker
                "TRACKER_TOPICS_REPLICATION_FACTOR",
                String.valueOf(TestInfrastructure.REPLICATION_FACTOR),
                "TRACKER_TOPICS_MIN_INSYNC_REPLICAS",
                String.valueOf(TestInfrastructure.MIN_INSYNC_REPLICAS));
        var api = ChildProcess.startJar(
                "tracker-api",
                jar("tracker.api.jar"),
                List.of("-Xmx256m"),
                with(
                        common,
                        Map.of(
                                "API_PORT",
                                String.valueOf(apiPort),
                                "TRACKER_PSEUDONYMISATION_SECRET",
                                "faults-" + UUID.randomUUID(),
                                "TRACKER_PSEUDONYMISATION_DERIVE_ORG_KEYS",
                                "true")),
                logs.resolve("api.log"));
        ChildProcess worker = null;
        try {
            worker = ChildProcess.startJar(
                    "tracker-worker",
                    jar("tracker.worker.jar"),
                    List.of("-Xmx256m"),
                    with(
                            common,
                            Map.of(
                                    "WORKER_PORT",
                                    String.valueOf(workerPort),
                                    "TRACKER_PROJECTION_GROUP_PREFIX",
                                    "faults-" + UUID.randomUUID().toString().substring(0, 8))),
                    logs.resolve("worker.log"));
            var services = new ServicesUnderTest(api, worker, apiPort, workerPort);
            api.awaitHealthy(URI.create(services.api() + "/actuator/health"), STARTUP);
            worker.awaitHealthy(URI.create(services.worker() + "/actuator/health"), STARTUP);
            return services;
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (worker != null) {
                worker.stop(Duration.ofSeconds(10));
            }
            api.stop(Duration.ofSeconds(10));
            throw e;
        }
    }

    String api() {
        return "http://127.0.0.1:" + apiPort;
    }

    String worker() {
        return "http://127.0.0.1:" + workerPort;
    }

    /**
     * The event topics as the API makes them on one broker (retention -1, one replica), before services start that
     * subscribe to them.
     */
    static void createTopics(String kafka, int partitions, Collection<String> topics) throws Exception {
        try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
            var existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            admin.createTopics(topics.stream()
                            .filter(t -> !existing.contains(t))
                            .map(t -> new NewTopic(
                                            t,
                                            Optional.of(partitions),
                                            Optional.of(TestInfrastructure.REPLICATION_FACTOR))
                                    .configs(Map.of(
                                            TopicConfig.RETENTION_MS_CONFIG,
                                            "-1",
                                            TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG,
                                            String.valueOf(TestInfrastructure.MIN_INSYNC_REPLICAS))))
                            .toList())
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
    }

    /** The worker first, so that it never runs without the API's topics. */
    @Override
    public void close() throws InterruptedException {
        worker.stop(Duration.ofSeconds(20));
        api.stop(Duration.ofSeconds(20));
    }

    static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> with(Map<String, String> common, Map<String, String> own) {
        var all = new java.util.HashMap<>(common);
        all.putAll(own);
        return all;
    }

    private static Path jar(String property) {
        var jar = System.getProperty(property);
        if (jar == null) {
            throw new IllegalStateException(property + " is not set: run through Maven (failsafe sets it)");
        }
        return Path.of(jar);
    }
}
