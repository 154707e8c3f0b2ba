package org.peertracker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.peertracker.localstack.ChildProcess;
import org.peertracker.localstack.LocalStack;
import org.peertracker.testing.TestInfrastructure;
import org.peertracker.testing.TestTokens;
import tools.jackson.databind.JsonNode;

/**
 * tracker-api and tracker-worker instances of a fault test's own, as processes from their runnable jars (the local
 * profile, trusting {@link TestTokens#shared()}), against the Kafka and the MongoDB that the test owns and breaks; one
 * of each, or several sharing one database and one set of consumer groups, as several instances run in production.
 * Each instance can be killed, stopped and started again on its port.
 */
final class ServicesUnderTest implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(150);
    private static final Duration REBUILD = Duration.ofSeconds(120);

    /** The database the services use in the test's MongoDB unless a test names another. */
    static final String DATABASE = "faults";

    private final Path logs;
    private final Map<String, String> common;
    private final String secret = "faults-" + UUID.randomUUID();
    private final String groupPrefix = "faults-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<Integer> apiPorts = new ArrayList<>();
    private final List<Integer> workerPorts = new ArrayList<>();
    private final List<ChildProcess> apis = new ArrayList<>();
    private final List<ChildProcess> workers = new ArrayList<>();

    /** The directory of the services' logs. */
    Path logs() {
        return logs;
    }

    private ServicesUnderTest(Path logs, Map<String, String> common) {
        this.logs = logs;
        this.common = common;
    }

    /**
     * Starts one API and one worker (the topics must exist: see {@link TestInfrastructure#ensureTopics(String, int, Collection)}) and returns when both are
     * healthy; their logs go to {@code target/service-logs/<name>/}.
     */
    static ServicesUnderTest start(String name, String kafka, String mongoUri)
            throws IOException, InterruptedException {
        return start(name, kafka, mongoUri, DATABASE, 1, 1);
    }

    /** Starts {@code apis} APIs and {@code workers} workers side by side, all healthy when it returns. */
    static ServicesUnderTest start(String name, String kafka, String mongoUri, String database, int apis, int workers)
            throws IOException, InterruptedException {
        return start(name, kafka, mongoUri, database, apis, workers, Map.of());
    }

    /** The same, with settings of the services' own besides the common ones. */
    static ServicesUnderTest start(
            String name,
            String kafka,
            String mongoUri,
            String database,
            int apis,
            int workers,
            Map<String, String> settings)
            throws IOException, InterruptedException {
        var common = with(
                settings,
                Map.of(
                        "KAFKA_BOOTSTRAP_SERVERS",
                        kafka,
                        "MONGODB_URI",
                        mongoUri,
                        "MONGODB_DATABASE",
                        database,
                        "SPRING_PROFILES_ACTIVE",
                        "local",
                        "TRACKER_SECURITY_DEV_KEY",
                        TestTokens.shared().keyFile().toAbsolutePath().toString(),
                        // one broker
                        "TRACKER_TOPICS_REPLICATION_FACTOR",
                        String.valueOf(TestInfrastructure.REPLICATION_FACTOR),
                        "TRACKER_TOPICS_MIN_INSYNC_REPLICAS",
                        String.valueOf(TestInfrastructure.MIN_INSYNC_REPLICAS),
                        // batches take milliseconds here: a rebuild's old generation need not wait the production
                        // default
                        "TRACKER_REBUILD_DROP_GRACE",
                        "2s"));
        var services = new ServicesUnderTest(Path.of("target", "service-logs", name), common);
        try {
            for (int i = 0; i < apis; i++) {
                services.apiPorts.add(freePort());
                services.apis.add(null);
                services.startApi(i);
            }
            for (int i = 0; i < workers; i++) {
                services.workerPorts.add(freePort());
                services.workers.add(null);
                services.startWorker(i);
            }
            return services;
        } catch (IOException | InterruptedException | RuntimeException e) {
            services.close();
            throw e;
        }
    }

    String api() {
        return api(0);
    }

    String worker() {
        return worker(0);
    }

    String api(int instance) {
        return "http://127.0.0.1:" + apiPorts.get(instance);
    }

    String worker(int instance) {
        return "http://127.0.0.1:" + workerPorts.get(instance);
    }

    /** Starts an API instance (again) on its port and returns when it is healthy. */
    void startApi(int instance) throws IOException, InterruptedException {
        start(
                "api",
                apis,
                apiPorts,
                instance,
                Map.of(
                        "API_PORT",
                        String.valueOf(apiPorts.get(instance)),
                        "TRACKER_PSEUDONYMISATION_SECRET",
                        secret,
                        "TRACKER_PSEUDONYMISATION_DERIVE_ORG_KEYS",
                        "true"));
    }

    /** Starts a worker instance (again) on its port, in the same consumer groups as the others. */
    void startWorker(int instance) throws IOException, InterruptedException {
        start(
                "worker",
                workers,
                workerPorts,
                instance,
                Map.of(
                        "WORKER_PORT",
                        String.valueOf(workerPorts.get(instance)),
                        "TRACKER_PROJECTION_GROUP_PREFIX",
                        groupPrefix));
    }

    /** Starts {@code tracker-<service>} from its jar as the given instance, and returns when it is healthy. */
    private void start(
            String service, List<ChildProcess> running, List<Integer> ports, int instance, Map<String, String> own)
            throws IOException, InterruptedException {
        var process = ChildProcess.startJar(
                "tracker-" + service + "-" + (instance + 1),
                jar("tracker." + service + ".jar"),
                LocalStack.jvmOptions("tracker-" + service),
                with(common, own),
                logs.resolve(instance == 0 ? service + ".log" : service + "-" + (instance + 1) + ".log"));
        running.set(instance, process);
        process.awaitHealthy(URI.create("http://127.0.0.1:" + ports.get(instance) + "/actuator/health"), STARTUP);
    }

    /** Kills a worker as {@code kill -9} would: no shutdown hook, no last commit. */
    void killWorker(int instance) throws InterruptedException {
        workers.get(instance).kill();
    }

    /** Stops an API as an orchestrator would (SIGTERM, graceful). */
    void stopApi(int instance) throws InterruptedException {
        apis.get(instance).stop(Duration.ofSeconds(20));
    }

    /**
     * Rebuilds the families of an organisation's figures through one instance's worker and checks that the first API
     * then answers them as that instance's API did before: the views equal a from-scratch rebuild.
     */
    void assertRebuildsReproduce(String org, int instance) {
        var live = figures(instance, org);
        for (var family : List.of("outreach", "support", "involvement")) {
            rebuild(instance, family);
        }
        assertThat(figures(0, org)).as("views equal a from-scratch rebuild").isEqualTo(live);
    }

    /** What a rebuild must reproduce of an organisation, as an API answers it: days, cases, the month, peers. */
    private List<JsonNode> figures(int instance, String org) {
        var base = api(instance) + "/api/v1/orgs/" + org;
        return List.of(
                Client.get(base + "/outreach/daily"),
                Client.get(base + "/support/cases?size=200"),
                Client.get(base + "/involvement/monthly"),
                Client.get(base + "/peers?size=200"));
    }

    /** Rebuilds a family through a worker's actuator and waits until every worker reports the rebuild done. */
    private void rebuild(int instance, String family) {
        var started = Client.send(HttpRequest.newBuilder(URI.create(worker(instance) + "/actuator/rebuilds/" + family))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(started.status()).as(family).isEqualTo(200);
        awaitRebuilt(family, started.json().path("generation").asInt());
    }

    /** Waits until every worker reports the rebuild of the family into this generation done. */
    void awaitRebuilt(String family, int generation) {
        await().atMost(REBUILD).ignoreExceptions().untilAsserted(() -> {
            for (int i = 0; i < workers.size(); i++) {
                var progress = Client.get(worker(i) + "/actuator/rebuilds").path(family);
                assertThat(progress.path("generation").asInt()).isEqualTo(generation);
                assertThat(progress.path("status").asString()).isEqualTo("done");
            }
        });
    }

    /** The workers first, so that they never run without the API's topics. */
    @Override
    public void close() throws InterruptedException {
        for (var worker : workers) {
            if (worker != null) {
                worker.stop(Duration.ofSeconds(20));
            }
        }
        for (var api : apis) {
            if (api != null) {
                api.stop(Duration.ofSeconds(20));
            }
        }
    }

    /**
     * Ports handed out in this JVM. The system gives a port free now, and may give the same one again a moment later,
     * before its first taker has bound it: once the API got the port just chosen for FieldSignInIT's issuer, whose
     * health check then reached the API.
     */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    /** A port free now, and not handed out before in this JVM. */
    static int freePort() {
        while (true) {
            try (var socket = new ServerSocket(0)) {
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static Map<String, String> with(Map<String, String> common, Map<String, String> own) {
        var all = new HashMap<>(common);
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
