package org.peertracker.worker.outreach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.peertracker.events.Event;
import org.peertracker.events.EventCodec;
import org.peertracker.events.Materials;
import org.peertracker.events.Topics;
import org.peertracker.testing.SampleEvents;
import org.peertracker.testing.TestInfrastructure;
import org.peertracker.worker.kafka.ProjectionContainers;
import org.peertracker.worker.mongo.Positions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class OutreachProjectionIT {

    static final String DATABASE = TestInfrastructure.uniqueDatabase("outreach_it");
    static final Instant EVENING = Instant.parse("2026-11-20T20:30:00Z");
    static KafkaProducer<String, byte[]> producer;

    @Autowired
    MongoDatabase views;
    @Autowired
    ProjectionContainers projections;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.springProperties(DATABASE).forEach((key, value) -> registry.add(key, () -> value));
        registry.add("tracker.projection.group-prefix", () -> "it-" + UUID.randomUUID());
    }

    @BeforeAll
    static void topics() {
        TestInfrastructure.ensureTopics(6, Topics.EVENT_TOPICS);
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void close() {
        producer.close();
    }

    @Test
    void countsContactsPeopleAndMaterialsPerDayAndArea() {
        var org = org();
        publish(contact(org, "s1", "oost", 1, true, new Materials(10, 4, 1, 2, 0, 0, 1)),
                contact(org, "s1", "oost", 3, false, SampleEvents.syringes(5)),
                contact(org, "s2", "west", 2, true, Materials.NONE));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var oost = daily(org, "oost");
            assertThat(oost).isNotNull();
            assertThat(oost.get("contacts", Number.class).longValue()).isEqualTo(2);
            assertThat(oost.get("newContacts", Number.class).longValue()).isEqualTo(1);
            assertThat(oost.get("peopleReached", Number.class).longValue()).isEqualTo(4);
            assertThat(oost.get("materials", Document.class).get("syringes", Number.class).longValue()).isEqualTo(15);
            assertThat(oost.get("materials", Document.class).get("needlesReturned", Number.class).longValue()).isEqualTo(4);
            assertThat(daily(org, "west").get("peopleReached", Number.class).longValue()).isEqualTo(2);
        });
        assertThat(daily(org, "oost").getString("day")).isEqualTo("2026-11-20");
    }

    @Test
    void countsAnEventSentTwiceOnce() {
        var org = org();
        var contact = contact(org, "s1", "centrum", 2, true, SampleEvents.syringes(7));
        var later = contact(org, "s1", "centrum", 1, false, SampleEvents.syringes(1));
        publish(contact, contact, later, contact);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var centrum = daily(org, "centrum");
            assertThat(centrum).isNotNull();
            assertThat(centrum.get("contacts", Number.class).longValue()).isEqualTo(2);
        });
        awaitCaughtUp();
        assertThat(daily(org, "centrum").get("materials", Document.class).get("syringes", Number.class).longValue())
                .isEqualTo(8);
    }

    @Test
    void leavesTheViewUnchangedWhenRecordsAreDeliveredAgainOrReplayedFromOffsetZero() {
        var org = org();
        for (int i = 0; i < 40; i++) {
            publish(contact(org, "s" + (i % 7), i % 2 == 0 ? "noord" : "zuid", 1 + i % 3, i % 4 == 0,
                    SampleEvents.syringes(i)));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(sum(org, "contacts")).isEqualTo(40));
        awaitCaughtUp();
        var before = snapshot(org);

        // redelivery: the tail of every partition is read again, in batches cut differently from the first run
        projections.stop();
        views.getCollection(Positions.COLLECTION).updateMany(Filters.eq("projection", "outreach"),
                Updates.inc("next", -3));
        projections.start();
        awaitCaughtUp();
        assertThat(snapshot(org)).isEqualTo(before);

        // replay: no stored position, so every partition is read from offset 0
        projections.stop();
        views.getCollection(Positions.COLLECTION).deleteMany(Filters.eq("projection", "outreach"));
        projections.start();
        awaitCaughtUp();
        assertThat(snapshot(org)).isEqualTo(before);
        assertThat(sum(org, "contacts")).isEqualTo(40);
    }

    private void awaitCaughtUp() {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            var positions = new HashMap<Integer, Long>();
            views.getCollection(Positions.COLLECTION).find(Filters.eq("projection", "outreach"))
                    .forEach(doc -> positions.put(doc.getInteger("partition"), doc.get("next", Number.class).longValue()));
            return endOffsets().entrySet().stream()
                    .allMatch(end -> end.getValue() == 0 || end.getValue().equals(positions.get(end.getKey())));
        });
    }

    private Map<Integer, Long> endOffsets() throws Exception {
        try (var admin = org.apache.kafka.clients.admin.Admin.create(Map.of("bootstrap.servers",
                TestInfrastructure.kafkaBootstrapServers()))) {
            var partitions = admin.describeTopics(List.of(Topics.OUTREACH)).allTopicNames().get(10, TimeUnit.SECONDS)
                    .get(Topics.OUTREACH).partitions();
            var request = new HashMap<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec>();
            partitions.forEach(p -> request.put(new org.apache.kafka.common.TopicPartition(Topics.OUTREACH, p.partition()),
                    org.apache.kafka.clients.admin.OffsetSpec.latest()));
            var ends = new HashMap<Integer, Long>();
            admin.listOffsets(request).all().get(10, TimeUnit.SECONDS)
                    .forEach((tp, info) -> ends.put(tp.partition(), info.offset()));
            return ends;
        }
    }

    private List<Document> snapshot(String org) {
        return views.getCollection(OutreachProjector.DAILY).find(Filters.eq("orgId", org))
                .sort(new Document("_id", 1)).projection(new Document("_applied", 0)).into(new java.util.ArrayList<>());
    }

    private long sum(String org, String field) {
        return snapshot(org).stream().mapToLong(doc -> doc.get(field, Number.class).longValue()).sum();
    }

    private Document daily(String org, String area) {
        return views.getCollection(OutreachProjector.DAILY).find(Filters.eq("_id", org + "|2026-11-20|" + area)).first();
    }

    private static Event contact(String org, String session, String area, int groupSize, boolean newContact,
            Materials materials) {
        return SampleEvents.event(org, "peer-1", EVENING,
                SampleEvents.anonymousContact(session, area, groupSize, newContact, materials));
    }

    private static void publish(Event... events) {
        for (var event : events) {
            producer.send(new ProducerRecord<>(event.topic(), event.key(), EventCodec.writeBytes(event)));
        }
        producer.flush();
    }

    private static String org() {
        return "org-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
