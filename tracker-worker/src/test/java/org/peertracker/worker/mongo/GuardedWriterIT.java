package org.peertracker.worker.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.peertracker.testing.TestInfrastructure;
import org.peertracker.views.Applied;
import org.slf4j.LoggerFactory;

/**
 * The offset guard on its own, against the test MongoDB: effects are counted once however often, in whatever
 * batches and by however many writers they are applied.
 */
class GuardedWriterIT {

    static final String SOURCE = "tracker-outreach-v1-2";
    static final String OTHER_SOURCE = "tracker-outreach-v1-5";
    static final int DOCUMENTS = 4;

    static MongoClient client;
    static MongoClient zombieClient;
    static MongoDatabase database;
    static int collections;

    @BeforeAll
    static void connect() {
        client = MongoClients.create(TestInfrastructure.mongoUri());
        // a second client, as a zombie consumer in another process would have
        zombieClient = MongoClients.create(TestInfrastructure.mongoUri());
        database = client.getDatabase(TestInfrastructure.uniqueDatabase("guarded_writer_it"));
    }

    @AfterAll
    static void close() {
        client.close();
        zombieClient.close();
    }

    @Test
    void changesNothingWhenTheSameEffectsAreAppliedAgain() {
        var collection = newCollection();
        var effects = stream(collection, 60);
        var writer = new GuardedWriter(database);

        writer.apply(effects);
        var once = documents(collection);
        writer.apply(effects);
        writer.apply(effects.subList(17, 42));

        assertThat(documents(collection)).isEqualTo(once);
        assertCountedOnce(once, effects);
    }

    @Test
    void endsEqualWhenTheSameEffectsAreCutIntoDifferentBatches() {
        var whole = newCollection();
        var cut = newCollection();
        var writer = new GuardedWriter(database);
        var random = new Random(7);

        writer.apply(stream(whole, 200));
        var effects = stream(cut, 200);
        // batches of random sizes, each replay starting a few records before the last one ended, as after a crash
        int from = 0;
        while (from < effects.size()) {
            int to = Math.min(effects.size(), from + 1 + random.nextInt(25));
            writer.apply(effects.subList(from, to));
            from = Math.max(from + 1, to - random.nextInt(6));
            if (to == effects.size()) {
                break;
            }
        }

        assertThat(documents(cut)).isEqualTo(documents(whole));
        assertCountedOnce(documents(cut), effects);
    }

    @Test
    void countsEachEffectOnceWhenTwoWritersRaceOverlappingBatches() throws Exception {
        var first = new GuardedWriter(database);
        var zombie = new GuardedWriter(zombieClient.getDatabase(database.getName()));
        ExecutorService threads = Executors.newFixedThreadPool(2);
        var races = new ListAppender<ILoggingEvent>();
        var writerLog = (Logger) LoggerFactory.getLogger(GuardedWriter.class);
        var level = writerLog.getLevel();
        writerLog.setLevel(Level.DEBUG);
        writerLog.setAdditive(false);
        writerLog.addAppender(races);
        races.start();
        try {
            for (int round = 0; round < 30; round++) {
                var collection = newCollection();
                var effects = stream(collection, 120);
                var start = new CyclicBarrier(2);
                int zombieBatch = 5 + round % 4;
                Future<?> a = threads.submit(() -> applyInBatches(first, effects, 7, start));
                Future<?> b = threads.submit(() -> applyInBatches(zombie, effects, zombieBatch, start));
                a.get(60, TimeUnit.SECONDS);
                b.get(60, TimeUnit.SECONDS);

                assertCountedOnce(documents(collection), effects);
            }
            // the writers did collide: upserts whose guard failed were re-read and redone
            assertThat(races.list)
                    .anySatisfy(event -> assertThat(event.getFormattedMessage()).contains("lost a race"));
        } finally {
            threads.shutdownNow();
            writerLog.detachAppender(races);
            writerLog.setAdditive(true);
            writerLog.setLevel(level);
        }
    }

    @Test
    void insertsADocumentWithTheSetOnInsertOfItsFirstEffectOnlyWhateverTheBatches() {
        var oneByOne = newCollection();
        var together = newCollection();
        var writer = new GuardedWriter(database);
        var signal = new DocumentUpdate().set("sessionId", "night-1").inc("signals", 1);
        var contact = new DocumentUpdate()
                .set("sessionId", "night-1")
                .setOnInsert("area", "oost")
                .inc("contacts", 1);

        writer.apply(List.of(effect(oneByOne, "org|night-1", SOURCE, 1, signal)));
        writer.apply(List.of(effect(oneByOne, "org|night-1", SOURCE, 2, contact)));
        writer.apply(List.of(
                effect(together, "org|night-1", SOURCE, 1, signal),
                effect(together, "org|night-1", SOURCE, 2, contact)));

        assertThat(documents(together)).isEqualTo(documents(oneByOne));
        assertThat(documents(oneByOne).getFirst()).doesNotContainKey("area");
    }

    @Test
    void dropsAnEffectWhoseOffsetIsAtOrBelowTheOneStoredForItsPartition() {
        var collection = newCollection();
        var writer = new GuardedWriter(database);
        writer.apply(List.of(effect(collection, "org|d", SOURCE, 10, new DocumentUpdate().inc("count", 1))));

        writer.apply(List.of(
                effect(collection, "org|d", SOURCE, 10, new DocumentUpdate().inc("count", 100)),
                effect(collection, "org|d", SOURCE, 4, new DocumentUpdate().inc("count", 1000))));
        var doc = database.getCollection(collection).find().first();
        assertThat(doc.get("count", Number.class).longValue()).isEqualTo(1);
        // the batch of two stale effects wrote nothing
        assertThat(doc.get(Applied.FIELD, Document.class))
                .isEqualTo(new Document(SOURCE, 10L).append(Applied.WRITES, 1L));

        // a stale and a fresh effect in one batch; and a lower offset of another partition, which has its own count
        writer.apply(List.of(
                effect(collection, "org|d", SOURCE, 9, new DocumentUpdate().inc("count", 1000)),
                effect(collection, "org|d", SOURCE, 12, new DocumentUpdate().inc("count", 10)),
                effect(collection, "org|d", OTHER_SOURCE, 3, new DocumentUpdate().inc("count", 5))));
        doc = database.getCollection(collection).find().first();
        assertThat(doc.get("count", Number.class).longValue()).isEqualTo(1 + 10 + 5);
        assertThat(doc.get(Applied.FIELD, Document.class))
                .isEqualTo(new Document(SOURCE, 12L).append(Applied.WRITES, 2L).append(OTHER_SOURCE, 3L));
    }

    private static void applyInBatches(GuardedWriter writer, List<Effect> effects, int size, CyclicBarrier start) {
        try {
            start.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        for (int from = 0; from < effects.size(); from += size) {
            writer.apply(effects.subList(from, Math.min(effects.size(), from + size)));
        }
    }

    /**
     * Records of two partitions, in record order, spread over a few documents: counts, sums, extremes, a set, and
     * a per-partition {@code $set} whose winner depends on applying each partition in order.
     */
    private static List<Effect> stream(String collection, int records) {
        var effects = new ArrayList<Effect>();
        for (int i = 0; i < records; i++) {
            var source = i % 3 == 0 ? OTHER_SOURCE : SOURCE;
            long offset = 1000 + i;
            var update = new DocumentUpdate()
                    .set("orgId", "org")
                    .inc("count", 1)
                    .inc("sum", offset)
                    .inc("hours", 0.25)
                    .max("highest", offset)
                    .min("lowest", offset)
                    .addToSet("residues", offset % 4)
                    .set("last." + source, offset);
            if (i % 3 != 0) {
                update.setOnInsert("first", offset);
            }
            effects.add(effect(collection, "org|d" + (i % DOCUMENTS), source, offset, update));
        }
        return effects;
    }

    private static Effect effect(String collection, String id, String source, long offset, DocumentUpdate update) {
        return new Effect(collection, id, source, offset, update);
    }

    /** Each document holds the figures of its effects, each counted exactly once. */
    private static void assertCountedOnce(List<Document> docs, List<Effect> effects) {
        assertThat(docs).hasSize(DOCUMENTS);
        for (var doc : docs) {
            var mine = effects.stream()
                    .filter(e -> e.id().equals(doc.getString("_id")))
                    .toList();
            assertThat(doc.get("count", Number.class).longValue())
                    .as("count of %s", doc)
                    .isEqualTo(mine.size());
            assertThat(doc.get("sum", Number.class).longValue())
                    .as("sum of %s", doc)
                    .isEqualTo(mine.stream().mapToLong(Effect::offset).sum());
            assertThat(doc.get("hours", Number.class).doubleValue()).isEqualTo(mine.size() * 0.25);
            assertThat(doc.get("highest", Number.class).longValue())
                    .isEqualTo(mine.getLast().offset());
            assertThat(doc.get("lowest", Number.class).longValue())
                    .isEqualTo(mine.getFirst().offset());
            // only the effect that inserted the document could set a field on insert
            var inserting = mine.getFirst().update().toBson().get("$setOnInsert", Document.class);
            assertThat(doc.get("first"))
                    .as("first of %s", doc)
                    .isEqualTo(inserting == null ? null : inserting.get("first"));
            for (var source : List.of(SOURCE, OTHER_SOURCE)) {
                var last = mine.stream()
                        .filter(e -> e.source().equals(source))
                        .mapToLong(Effect::offset)
                        .max();
                if (last.isPresent()) {
                    assertThat(doc.get("last", Document.class)
                                    .get(source, Number.class)
                                    .longValue())
                            .isEqualTo(last.getAsLong());
                    assertThat(doc.get(Applied.FIELD, Document.class)
                                    .get(source, Number.class)
                                    .longValue())
                            .isEqualTo(last.getAsLong());
                }
            }
        }
    }

    /** The collection's documents, without their count of writes, which depends on how effects were batched. */
    private static List<Document> documents(String collection) {
        var docs = database.getCollection(collection)
                .find()
                .sort(new Document("_id", 1))
                .into(new ArrayList<>());
        docs.forEach(doc -> doc.get(Applied.FIELD, Document.class).remove(Applied.WRITES));
        return docs;
    }

    private static String newCollection() {
        return "view_" + ++collections;
    }
}
