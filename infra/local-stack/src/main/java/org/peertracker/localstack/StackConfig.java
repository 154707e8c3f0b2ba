package org.peertracker.localstack;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Where the local stack runs and what it reuses, read from environment variables with local defaults.
 *
 * @param topicReplicationFactor copies of each topic the services create: 1, for the one local broker; more only for
 *                               a Kafka of more brokers ({@code KAFKA_BOOTSTRAP_SERVERS})
 * @param topicMinInsyncReplicas copies that must hold a record before Kafka acknowledges it
 * @param apis                   tracker-api instances: the i-th (from 0) listens on {@code apiPort + 2i}
 * @param workers                tracker-worker instances: the i-th on {@code workerPort + 2i}, all in the same consumer
 *                               groups, so that they share the partitions
 * @param issuerPort             the local OpenID Connect issuer's port
 */
record StackConfig(
        Path repoRoot,
        Path dataDir,
        int apiPort,
        int workerPort,
        int kafkaPort,
        int kafkaControllerPort,
        int mongoPort,
        String externalKafka,
        String externalMongo,
        int topicReplicationFactor,
        int topicMinInsyncReplicas,
        int apis,
        int workers,
        int issuerPort) {

    /** How many instances of each service {@code infra/up} may start. */
    static final int MAX_INSTANCES = 8;

    static StackConfig fromEnvironment(Map<String, String> env, Path repoRoot) {
        Path root = repoRoot.toAbsolutePath().normalize();
        return new StackConfig(
                root,
                root.resolve(env.getOrDefault("TRACKER_DATA_DIR", ".local")).normalize(),
                port(env, "API_PORT", 8080),
                port(env, "WORKER_PORT", 8081),
                port(env, "KAFKA_PORT", 9092),
                port(env, "KAFKA_CONTROLLER_PORT", 9093),
                port(env, "MONGO_PORT", 27018),
                blankToNull(env.get("KAFKA_BOOTSTRAP_SERVERS")),
                blankToNull(env.get("MONGODB_URI")),
                atLeastOne(env, "TRACKER_TOPICS_REPLICATION_FACTOR", 1),
                atLeastOne(env, "TRACKER_TOPICS_MIN_INSYNC_REPLICAS", 1),
                1,
                1,
                port(env, "ISSUER_PORT", 9000));
    }

    /** The same stack with {@code apis} APIs and {@code workers} workers. */
    StackConfig withInstances(int apis, int workers) {
        for (var count : List.of(apis, workers)) {
            if (count < 1 || count > MAX_INSTANCES) {
                throw new IllegalArgumentException(
                        "--apis and --workers take a number from 1 to " + MAX_INSTANCES + ", not " + count);
            }
        }
        return new StackConfig(
                repoRoot,
                dataDir,
                apiPort,
                workerPort,
                kafkaPort,
                kafkaControllerPort,
                mongoPort,
                externalKafka,
                externalMongo,
                topicReplicationFactor,
                topicMinInsyncReplicas,
                apis,
                workers,
                issuerPort);
    }

    /** The port of each API instance, in sequence. */
    List<Integer> apiPorts() {
        return IntStream.range(0, apis).map(i -> apiPort + 2 * i).boxed().toList();
    }

    /** The port of each worker instance, in sequence. */
    List<Integer> workerPorts() {
        return IntStream.range(0, workers).map(i -> workerPort + 2 * i).boxed().toList();
    }

    /** The settings of the topics, as the services read them from their environment. */
    Map<String, String> topicEnvironment() {
        return Map.of(
                "TRACKER_TOPICS_REPLICATION_FACTOR", String.valueOf(topicReplicationFactor),
                "TRACKER_TOPICS_MIN_INSYNC_REPLICAS", String.valueOf(topicMinInsyncReplicas));
    }

    boolean embeddedKafka() {
        return externalKafka == null;
    }

    boolean embeddedMongo() {
        return externalMongo == null;
    }

    String kafkaBootstrap() {
        return embeddedKafka() ? "127.0.0.1:" + kafkaPort : externalKafka;
    }

    String mongoUri() {
        return embeddedMongo() ? "mongodb://127.0.0.1:" + mongoPort : externalMongo;
    }

    /** The ports this stack will listen on, each with the variable that moves it. */
    Map<Integer, String> portsToClaim() {
        Map<Integer, String> ports = new LinkedHashMap<>();
        apiPorts().forEach(port -> claim(ports, port, port == apiPort ? "API_PORT" : "API_PORT (+2 per API)"));
        workerPorts()
                .forEach(
                        port -> claim(ports, port, port == workerPort ? "WORKER_PORT" : "WORKER_PORT (+2 per worker)"));
        claim(ports, issuerPort, "ISSUER_PORT");
        if (embeddedKafka()) {
            claim(ports, kafkaPort, "KAFKA_PORT");
            claim(ports, kafkaControllerPort, "KAFKA_CONTROLLER_PORT");
        }
        if (embeddedMongo()) {
            claim(ports, mongoPort, "MONGO_PORT");
        }
        return ports;
    }

    /** The local issuer's address: its {@code iss}, which the services trust with the local profile. */
    String issuerUri() {
        return "http://localhost:" + issuerPort;
    }

    Path logDir() {
        return dataDir.resolve("logs");
    }

    Path pidFile() {
        return dataDir.resolve("stack.pid");
    }

    private static void claim(Map<Integer, String> ports, int port, String variable) {
        String other = ports.putIfAbsent(port, variable);
        if (other != null) {
            throw new IllegalArgumentException(
                    other + " and " + variable + " are both " + port + "; give each its own port");
        }
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        String value = blankToNull(env.get(name));
        if (value == null) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port > 0 && port < 65536) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below, with the variable's name
        }
        throw new IllegalArgumentException(name + " must be a port number (1-65535), not '" + value + "'");
    }

    private static int atLeastOne(Map<String, String> env, String name, int fallback) {
        String value = blankToNull(env.get(name));
        if (value == null) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException ignored) {
            // reported below, with the variable's name
        }
        throw new IllegalArgumentException(name + " must be a whole number of at least 1, not '" + value + "'");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
