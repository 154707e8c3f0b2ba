package org.peertracker.testing;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.peertracker.localstack.EmbeddedMongo;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * Gives tests a Kafka bootstrap address and a MongoDB URI, started once per JVM and shared by every test in
 * it. With a Docker engine: Testcontainers ({@code apache/kafka}, {@code mongo} as a replica set). Without one
 * (or with {@code -Dtracker.test.infra=embedded}): a real Kafka broker in-process (KRaft) and
 * mongo-java-server, the same path CI takes.
 */
public final class TestInfrastructure {

    static final String KAFKA_IMAGE = "apache/kafka:4.1.1";
    static final String MONGO_IMAGE = "mongo:8.0";
    /** Either path runs one Kafka broker: a topic has one replica, and that one must hold a record to acknowledge it. */
    public static final short REPLICATION_FACTOR = 1;

    public static final int MIN_INSYNC_REPLICAS = 1;

    private static volatile Servers servers;

    private TestInfrastructure() {}

    public static String kafkaBootstrapServers() {
        return servers().kafkaBootstrapServers();
    }

    /** A connection string without a database; pair it with {@link #uniqueDatabase(String)}. */
    public static String mongoUri() {
        return servers().mongoUri();
    }

    /** Which path this JVM runs on: {@code containers} or {@code embedded}. */
    public static String mode() {
        return servers().mode();
    }

    /**
     * A database of its own (named after {@code prefix}) on the shared MongoDB, through one client the test JVM keeps
     * for all such databases, for a test that reads and writes MongoDB without an application around it.
     */
    public static MongoDatabase database(String prefix) {
        return Mongo.CLIENT.getDatabase(uniqueDatabase(prefix));
    }

    /** The shared client, made when first asked for; the JVM's end closes its connections. */
    private static final class Mongo {
        static final MongoClient CLIENT = MongoClients.create(mongoUri());
    }

    /** A database name of its own for a test class, so that shared servers never mix two tests' views. */
    public static String uniqueDatabase(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Spring properties that point an application at the shared servers, with the settings of a system of one broker
     * (topics of one replica) and of one master secret (the keys of all organisations derived from it), as the local
     * stack runs.
     */
    public static Map<String, String> springProperties(String database) {
        return Map.of(
                "spring.kafka.bootstrap-servers", kafkaBootstrapServers(),
                "spring.mongodb.uri", mongoUri(),
                "spring.mongodb.database", database,
                "tracker.topics.replication-factor", String.valueOf(REPLICATION_FACTOR),
                "tracker.topics.min-insync-replicas", String.valueOf(MIN_INSYNC_REPLICAS),
                "tracker.pseudonymisation.derive-org-keys", "true");
    }

    /** Creates the topics that are missing, with the contract's settings (retention -1), on the one broker. */
    public static void ensureTopics(int partitions, Collection<String> topics) {
        ensureTopics(kafkaBootstrapServers(), partitions, topics);
    }

    /** The same on another broker of one node, such as a test's own that it stops and starts. */
    public static void ensureTopics(String bootstrapServers, int partitions, Collection<String> topics) {
        try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            var existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            var missing = topics.stream()
                    .filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, Optional.of(partitions), Optional.of(REPLICATION_FACTOR))
                            .configs(Map.of(
                                    TopicConfig.RETENTION_MS_CONFIG,
                                    "-1",
                                    TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG,
                                    String.valueOf(MIN_INSYNC_REPLICAS))))
                    .toList();
            admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topics " + topics, e);
            }
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException("cannot create topics " + topics, e);
        }
    }

    /**
     * A consumer of the shared broker that reads its topics from the beginning, in a consumer group of its own
     * ({@code groupPrefix} and a random suffix): it sees every record, whatever other tests have read, and leaves no
     * offsets behind.
     */
    public static <V> KafkaConsumer<String, V> consumerFromStart(String groupPrefix, Deserializer<V> values) {
        return new KafkaConsumer<>(
                Map.<String, Object>of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafkaBootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        groupPrefix + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false),
                new StringDeserializer(),
                values);
    }

    private static Servers servers() {
        var s = servers;
        if (s == null) {
            synchronized (TestInfrastructure.class) {
                s = servers;
                if (s == null) {
                    s = start();
                    Runtime.getRuntime().addShutdownHook(new Thread(s::stop, "test-infrastructure-stop"));
                    servers = s;
                }
            }
        }
        return s;
    }

    private static Servers start() {
        boolean forceEmbedded =
                "embedded".equals(System.getProperty("tracker.test.infra", System.getenv("TRACKER_TEST_INFRA")));
        if (!forceEmbedded && DockerClientFactory.instance().isDockerAvailable()) {
            return Containers.start();
        }
        return Embedded.start();
    }

    private interface Servers {
        String kafkaBootstrapServers();

        String mongoUri();

        String mode();

        void stop();
    }

    private record Containers(KafkaContainer kafka, MongoDBContainer mongo) implements Servers {

        static Containers start() {
            var kafka = new KafkaContainer(KAFKA_IMAGE);
            var mongo = new MongoDBContainer(MONGO_IMAGE);
            kafka.start();
            mongo.start();
            return new Containers(kafka, mongo);
        }

        @Override
        public String kafkaBootstrapServers() {
            return kafka.getBootstrapServers();
        }

        @Override
        public String mongoUri() {
            return mongo.getConnectionString();
        }

        @Override
        public String mode() {
            return "containers";
        }

        @Override
        public void stop() {
            kafka.stop();
            mongo.stop();
        }
    }

    private record Embedded(EmbeddedKafkaKraftBroker kafka, MongoServer mongo, String mongoUri) implements Servers {

        static Embedded start() {
            var kafka = new EmbeddedKafkaKraftBroker(1, 6);
            kafka.brokerProperty("auto.create.topics.enable", "false");
            kafka.brokerProperty("log.retention.ms", "-1");
            kafka.afterPropertiesSet();
            var mongo = EmbeddedMongo.start(0);
            return new Embedded(
                    kafka,
                    mongo,
                    "mongodb://127.0.0.1:" + mongo.getLocalAddress().getPort());
        }

        @Override
        public String kafkaBootstrapServers() {
            return kafka.getBrokersAsString();
        }

        @Override
        public String mode() {
            return "embedded";
        }

        @Override
        public void stop() {
            kafka.destroy();
            mongo.shutdownNow();
        }
    }
}
