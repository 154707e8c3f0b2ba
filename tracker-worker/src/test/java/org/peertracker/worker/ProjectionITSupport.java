package org.peertracker.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.peertracker.events.Event;
import org.peertracker.events.EventCodec;
import org.peertracker.events.Payload;
import org.peertracker.events.Topics;
import org.peertracker.testing.TestInfrastructure;
import org.peertracker.views.Applied;
import org.peertracker.views.Generations;
import org.peertracker.views.ViewKey;
import org.peertracker.worker.kafka.ProjectionContainers;
import org.peertracker.worker.mongo.EventClaims;
import org.peertracker.worker.mongo.Positions;
import org.peertracker.worker.projection.PublishedEvents;
import org.peertracker.worker.projection.ViewDocuments;
import org.peertracker.worker.projection.ViewGenerations;
import org.peertracker.worker.rebuild.Rebuilds;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The one application context of the worker's integration tests. Every subclass shares it (Spring caches it, as
 * long as no subclass adds configuration of its own), with one database and one consumer-group prefix per JVM;
 * each test keeps to an organisation of its own, so tests never see each other's documents. Views are always read
 * through {@code view_generations}, since any test may have rebuilt a family into a new generation.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@Import(TestSpans.class)
public abstract class ProjectionITSupport {

    protected static final Duration PATIENCE = Duration.ofSeconds(60);
    protected static final int PARTITIONS = 6;

    private static final String DATABASE = TestInfrastructure.uniqueDatabase("worker_it");
    private static final String GROUP_PREFIX =
            "it-" + UUID.randomUUID().toString().substring(0, 8);

    @Autowired
    protected MongoDatabase database;

    @Autowired
    protected ProjectionContainers projections;

    @Autowired
    protected Rebuilds rebuilds;

    @Autowired
    protected ViewGenerations generations;

    @Autowired
    protected Positions positions;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        // before the containers subscribe: the test broker creates no topic on demand
        TestInfrastructure.ensureTopics(PARTITIONS, Topics.EVENT_TOPICS);
        TestInfrastructure.springProperties(DATABASE).forEach((key, value) -> registry.add(key, () -> value));
        registry.add("tracker.projection.group-prefix", () -> GROUP_PREFIX);
        registry.add("tracker.topics.partitions", () -> PARTITIONS);
        // a poison record reaches its dead-letter topic after one retry, 50 ms later
        registry.add("tracker.projection.retries", () -> 1);
        registry.add("tracker.projection.retry-backoff", () -> "50ms");
        // a batch write takes milliseconds here; the old generation need not wait the production default
        registry.add("tracker.rebuild.drop-grace", () -> "1s");
        // every batch's span is recorded and handed to TestSpans at once
        registry.add("management.tracing.sampling.probability", () -> "1.0");
        registry.add("management.opentelemetry.tracing.export.schedule-delay", () -> "100ms");
    }

    // ---- events

    protected static String newOrg() {
        return "org-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** An event as the intake publishes it: with a receivedAt, and a clientRef where a client code was. */
    protected static Event event(String org, String peer, Instant occurredAt, Payload payload) {
        return PublishedEvents.event(org, peer, occurredAt, payload);
    }

    protected static void publish(Event... events) {
        publish(Arrays.asList(events));
    }

    protected static void publish(List<Event> events) {
        for (var event : events) {
            Kafka.PRODUCER.send(new ProducerRecord<>(event.topic(), event.key(), EventCodec.writeBytes(event)));
        }
        Kafka.PRODUCER.flush();
    }

    /** Publishes an event with headers of its own, e.g. the {@code traceparent} the intake puts on it. */
    protected static void publish(Event event, Map<String, String> headers) {
        var record = new ProducerRecord<>(event.topic(), event.key(), EventCodec.writeBytes(event));
        headers.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        Kafka.PRODUCER.send(record);
        Kafka.PRODUCER.flush();
    }

    /** Writes bytes straight to a topic, as a buggy or hostile producer could; returns where they landed. */
    protected static RecordMetadata publishRaw(String topic, String key, byte[] value) {
        try {
            return Kafka.PRODUCER.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot publish to " + topic, e);
        }
    }

    // ---- views

    /** The physical collection that serves a view now, as {@code view_generations} says. */
    protected String physical(String view) {
        var entry = database.getCollection(Generations.COLLECTION)
                .find(Filters.eq("_id", view))
                .first();
        return entry == null ? view : entry.getString(Generations.PHYSICAL);
    }

    protected MongoCollection<Document> view(String view) {
        return database.getCollection(physical(view));
    }

    /** One view document by its id parts, the organisation first; null while it does not exist. */
    protected Document document(String view, String org, String... parts) {
        return view(view).find(Filters.eq("_id", ViewKey.of(org, parts))).first();
    }

    /** The organisation's documents of a collection, by id, without their {@code _applied} offsets. */
    protected List<Document> documents(String collection, String org) {
        return database.getCollection(collection)
                .find(Filters.regex("_id", "^" + Pattern.quote(org + "|")))
                .projection(new Document(Applied.FIELD, 0))
                .sort(new Document("_id", 1))
                .into(new ArrayList<>());
    }

    /** The organisation's documents in every view of a family, as readers see them now. */
    protected Map<String, List<Document>> snapshot(String family, String org) {
        var snapshot = new LinkedHashMap<String, List<Document>>();
        projections.projector(family).views().forEach(view -> snapshot.put(view, documents(physical(view), org)));
        return snapshot;
    }

    /** A number at a dotted path, 0 when absent. */
    protected static long number(Document doc, String path) {
        return ViewDocuments.number(doc, path);
    }

    protected static double decimal(Document doc, String path) {
        return ViewDocuments.decimal(doc, path);
    }

    protected static long sum(List<Document> docs, String path) {
        return ViewDocuments.sum(docs, path);
    }

    // ---- projections

    /** Waits until every named family (all when none is named) stands at the end of each partition it reads. */
    protected void awaitCaughtUp(String... families) {
        Collection<String> names = families.length == 0 ? List.copyOf(projections.families()) : List.of(families);
        await().atMost(PATIENCE).until(() -> names.stream().allMatch(this::caughtUp));
    }

    private boolean caughtUp(String family) {
        var ends = endOffsets(projections.projector(family).topics());
        var stored = positions.of(generations.current(family).key(), ends.keySet());
        return ends.entrySet().stream().allMatch(end -> stored.getOrDefault(end.getKey(), 0L) >= end.getValue());
    }

    protected static Map<TopicPartition, Long> endOffsets(Collection<String> topics) {
        try {
            var request = new HashMap<TopicPartition, OffsetSpec>();
            Kafka.ADMIN
                    .describeTopics(topics)
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS)
                    .forEach((topic, description) -> description
                            .partitions()
                            .forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
            var ends = new HashMap<TopicPartition, Long>();
            Kafka.ADMIN
                    .listOffsets(request)
                    .all()
                    .get(30, TimeUnit.SECONDS)
                    .forEach((tp, info) -> ends.put(tp, info.offset()));
            return ends;
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the end offsets of " + topics, e);
        }
    }

    /** Stops every projection, forgets where the family stood and lets it read its topics again from offset 0. */
    protected void replayFromOffsetZero(String family) {
        projections.stop();
        database.getCollection(Positions.COLLECTION)
                .deleteMany(Filters.eq("projection", generations.current(family).key()));
        projections.start();
        awaitCaughtUp(family);
    }

    /** Sets stored positions back by some records (never below 0), as if their last writes had been lost. */
    protected void setPositionsBack(Bson which, IntSupplier records) {
        var stored = database.getCollection(Positions.COLLECTION);
        for (var position : stored.find(which)) {
            long next = position.get("next", Number.class).longValue();
            stored.updateOne(
                    Filters.eq("_id", position.get("_id")),
                    Updates.set("next", Math.max(0, next - records.getAsInt())));
        }
    }

    /** Rebuilds families side by side and waits until each serves reads from its new generation. */
    protected Map<String, Integer> rebuild(String... families) {
        var started = new LinkedHashMap<String, Integer>();
        for (var family : families) {
            started.put(family, rebuilds.start(family).generation());
        }
        await().atMost(PATIENCE)
                .until(() -> started.entrySet().stream().allMatch(rebuild -> {
                    var progress = rebuilds.progress().get(rebuild.getKey());
                    assertThat(progress.status())
                            .as("rebuild of %s: %s", rebuild.getKey(), progress.error())
                            .isNotEqualTo("failed");
                    return progress.generation() == rebuild.getValue()
                            && progress.status().equals("done");
                }));
        return started;
    }

    /**
     * Rebuilds the family and proves the new generation equal to the live one for the organisation: readers are
     * switched to it, and the old generation's collections no longer hold the organisation's documents.
     */
    protected int rebuildEqualsLive(String family, String org) {
        awaitCaughtUp(family);
        var live = snapshot(family, org);
        var oldCollections = projections.projector(family).views().stream()
                .map(this::physical)
                .toList();
        assertThat(live.values()).allSatisfy(docs -> assertThat(docs).isNotEmpty());

        int generation = rebuild(family).get(family);

        assertThat(generation).isEqualTo(oldGenerationOf(oldCollections.getFirst()) + 1);
        for (var view : projections.projector(family).views()) {
            assertThat(physical(view)).isEqualTo(view + "__g" + generation);
        }
        assertThat(snapshot(family, org)).isEqualTo(live);
        projections
                .projector(family)
                .indexes()
                .forEach((view, indexes) -> assertThat(indexKeys(physical(view)))
                        .as("indexes of %s", physical(view))
                        .containsAll(indexes.stream()
                                .map(index -> index.getKeys().toBsonDocument().toJson())
                                .toList()));
        // dropping the old generation deleted its claims and positions by projection: through an index (the claims'
        // one index leads with the projection)
        assertThat(indexKeys(EventClaims.COLLECTION)).contains("{\"projection\": 1, \"docs\": 1}");
        assertThat(indexKeys(Positions.COLLECTION)).contains("{\"projection\": 1}");
        for (var old : oldCollections) {
            assertThat(documents(old, org)).as("documents left in %s", old).isEmpty();
        }
        return generation;
    }

    /** The keys of a collection's indexes, as JSON. */
    protected List<String> indexKeys(String collection) {
        var keys = new ArrayList<String>();
        database.getCollection(collection)
                .listIndexes()
                .forEach(index -> keys.add(
                        index.get("key", Document.class).toBsonDocument().toJson()));
        return keys;
    }

    private static int oldGenerationOf(String collection) {
        int at = collection.lastIndexOf("__g");
        return at < 0 ? 0 : Integer.parseInt(collection.substring(at + 3));
    }

    // ---- dead letters

    /**
     * Reads the dead-letter topic with a fresh consumer group from the beginning, until the copy that the family's
     * live consumer group made of the record with this key shows up.
     */
    protected ConsumerRecord<String, byte[]> awaitDeadLetter(String topic, String key, String family) {
        var group = projections.groupOf(family);
        var found = new ArrayList<ConsumerRecord<String, byte[]>>();
        try (var consumer = TestInfrastructure.consumerFromStart("dlt-reader-", new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.deadLetter(topic)));
            await().atMost(PATIENCE).pollInSameThread().until(() -> {
                consumer.poll(Duration.ofMillis(250)).forEach(record -> {
                    if (key.equals(record.key())) {
                        found.add(record);
                    }
                });
                return found.stream()
                        .anyMatch(record -> group.equals(header(record, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP)));
            });
        }
        return found.stream()
                .filter(record -> group.equals(header(record, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP)))
                .findFirst()
                .orElseThrow();
    }

    /** The dead letter carries the poison record's bytes, and headers naming the reason and where it came from. */
    protected void assertDeadLetterOf(
            ConsumerRecord<String, byte[]> letter, RecordMetadata poison, byte[] value, String reason) {
        assertThat(letter.topic()).isEqualTo(Topics.deadLetter(poison.topic()));
        assertThat(letter.value()).isEqualTo(value);
        assertThat(header(letter, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(poison.topic());
        assertThat(ByteBuffer.wrap(letter.headers()
                                .lastHeader(KafkaHeaders.DLT_ORIGINAL_PARTITION)
                                .value())
                        .getInt())
                .isEqualTo(poison.partition());
        assertThat(ByteBuffer.wrap(letter.headers()
                                .lastHeader(KafkaHeaders.DLT_ORIGINAL_OFFSET)
                                .value())
                        .getLong())
                .isEqualTo(poison.offset());
        assertThat(header(letter, KafkaHeaders.DLT_EXCEPTION_FQCN)).isNotBlank();
        assertThat(header(letter, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).contains(reason);
    }

    protected static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** One producer and one admin client for the JVM, made when first used. */
    private static final class Kafka {

        static final KafkaProducer<String, byte[]> PRODUCER = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        TestInfrastructure.kafkaBootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.LINGER_MS_CONFIG,
                        5),
                new StringSerializer(),
                new ByteArraySerializer());

        static final Admin ADMIN = Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers()));

        static {
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                PRODUCER.close(Duration.ofSeconds(1));
                                ADMIN.close(Duration.ofSeconds(1));
                            },
                            "projection-it-clients-close"));
        }
    }
}
