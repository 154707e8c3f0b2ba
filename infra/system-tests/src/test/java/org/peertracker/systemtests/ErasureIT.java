package org.peertracker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.peertracker.events.CaseOpened;
import org.peertracker.events.Event;
import org.peertracker.events.EventCodec;
import org.peertracker.events.EventSchemas;
import org.peertracker.events.Payload;
import org.peertracker.events.SignalReported;
import org.peertracker.events.Topics;
import org.peertracker.testing.SampleEvents;
import org.peertracker.testing.TestInfrastructure;
import org.peertracker.testing.TestTokens;
import tools.jackson.databind.JsonNode;

/**
 * Erasure end to end, through the deployed services: a canary client and a canary text are logged, erased, and
 * searched for afterwards in every Kafka topic (the dead letters and the erasure notices included), every MongoDB
 * collection and both services' logs; the views lose the client's reference and needs, also after a rebuild from
 * offset 0, while the counts stay.
 */
class ErasureIT {

    static final Duration SETTLE = Duration.ofSeconds(60);

    final StackUnderTest stack = StackUnderTest.get();

    @Test
    void erasesAClientAndATextFromEveryViewRebuildTopicCollectionAndLogWhileTheCountsStay() throws Exception {
        var org = EndToEndIT.org();
        var code = "CANARY" + (100000 + (int) (Math.random() * 899999));
        var canaryText = "canary-" + UUID.randomUUID();
        var at = Instant.now().minusSeconds(120);
        var opened = event(org, at, new CaseOpened("c1", code, null, List.of("housing", "detox"), "outreach"));
        var contact = event(org, at.plusSeconds(1), SampleEvents.knownContact("s1", "oost", code));
        var signal =
                event(org, at.plusSeconds(2), new SignalReported("s1", "new-substance", "oost", "high", canaryText));
        assertThat(Client.post(api(org) + "/events", List.of(opened, contact, signal))
                        .status())
                .isEqualTo(202);

        // logged: the text reads back through the API, and is sealed everywhere it was copied to
        await().atMost(SETTLE).untilAsserted(() -> assertThat(signalText(org)).isEqualTo(canaryText));
        var ref = await().atMost(SETTLE)
                .until(() -> text(Client.get(api(org) + "/support/cases/c1").path("clientRef")), r -> r != null);
        assertThat(Client.get(api(org) + "/support/cases/c1").path("needs").size())
                .isEqualTo(2);
        // the contact and the case: one client reached that month, wherever it was met
        await().atMost(SETTLE)
                .untilAsserted(() -> assertThat(clientsReached(org)).contains("\"clients\":1"));
        var reached = clientsReached(org);
        assertThat(kafkaRecords(org)).doesNotContain(canaryText).doesNotContain(code);

        // the text: its key destroyed, unreadable at once through every instance
        var textErased = erase(org, Map.of("eventId", signal.eventId().toString()));
        assertThat(textErased.status()).isEqualTo(201);
        assertThat(textErased.json().path("texts").asLong()).isEqualTo(1);
        assertThat(signalText(org)).isNull();
        assertThat(Client.get(api(org) + "/activity?subject=s1&size=50").toString())
                .doesNotContain(canaryText);

        // the client: no code leads to it, its reference and needs leave the views, its counts stay
        var clientErased = erase(org, Map.of("clientCode", code));
        assertThat(clientErased.status()).isEqualTo(201);
        assertThat(clientErased.json().path("cases").asLong()).isEqualTo(1);
        assertThat(clientErased.json().path("events").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(clientErased.json().toString()).doesNotContain(code).doesNotContain(ref);
        await().atMost(SETTLE).untilAsserted(() -> {
            var erasedCase = Client.get(api(org) + "/support/cases/c1");
            assertThat(erasedCase.path("clientRef").isString()).isFalse();
            assertThat(erasedCase.path("needs").size()).isZero();
            assertThat(Client.get(api(org) + "/activity?size=200").toString()).doesNotContain(ref);
        });
        assertThat(clientsReached(org)).as("the client counted, anonymously").isEqualTo(reached);
        assertThat(lookup(org, code).path("cases").size()).isZero();
        assertThat(Client.get(api(org) + "/support/cases/c1").path("status").asString())
                .isEqualTo("open");
        assertThat(Client.get(api(org) + "/outreach/sessions/s1")
                        .path("contacts")
                        .asLong())
                .isEqualTo(1);

        // the same code again is a new client, linked to nothing recorded before
        var again = event(org, Instant.now().minusSeconds(10), new CaseOpened("c2", code, null, List.of(), "self"));
        assertThat(Client.post(api(org) + "/events", List.of(again)).status()).isEqualTo(202);
        var newRef = await().atMost(SETTLE)
                .until(() -> text(Client.get(api(org) + "/support/cases/c2").path("clientRef")), r -> r != null);
        assertThat(newRef).isNotEqualTo(ref);
        assertThat(lookup(org, code)
                        .path("cases")
                        .valueStream()
                        .map(c -> c.path("caseId").asString()))
                .containsExactly("c2");

        // a rebuild from offset 0 reads the erased client's events again, and drops it again
        // the new client is another one reached that month
        await().atMost(SETTLE)
                .untilAsserted(() -> assertThat(clientsReached(org)).contains("\"clients\":2"));
        var reachedSince = clientsReached(org);
        rebuild("support");
        rebuild("activity");
        rebuild("reach");
        assertThat(clientsReached(org)).isEqualTo(reachedSince);
        var rebuilt = Client.get(api(org) + "/support/cases/c1");
        assertThat(rebuilt.path("clientRef").isString()).isFalse();
        assertThat(rebuilt.path("needs").size()).isZero();
        assertThat(Client.get(api(org) + "/activity?size=200").toString())
                .doesNotContain(ref)
                .doesNotContain(canaryText);
        assertThat(signalText(org)).isNull();

        // the canary: neither the code nor the text anywhere, the old reference in no view and in no pseudonym row
        assertThat(kafkaRecords(org)).doesNotContain(canaryText).doesNotContain(code);
        assertMongoHoldsNo(org, code, canaryText, ref);
        var logs = Files.readString(stack.logs().resolve("api.log"), StandardCharsets.UTF_8)
                + Files.readString(stack.logs().resolve("worker.log"), StandardCharsets.UTF_8);
        assertThat(logs).doesNotContain(code).doesNotContain(canaryText);
    }

    @Test
    void letsAPeerEraseTheTextOfItsOwnEventButNotAClientOrAnotherPeersText() {
        var org = EndToEndIT.org();
        var own = event(
                org, Instant.now().minusSeconds(60), new SignalReported("s9", "new-substance", "oost", "high", "x"));
        assertThat(Client.post(api(org) + "/events", List.of(own)).status()).isEqualTo(202);
        await().atMost(SETTLE).untilAsserted(() -> assertThat(signalText(org)).isEqualTo("x"));
        // a peer's erasure is checked against the activity log: it waits until the log has the event
        await().atMost(SETTLE)
                .untilAsserted(() -> assertThat(Client.get(api(org) + "/activity?subject=s9")
                                .path("total")
                                .asLong())
                        .isEqualTo(1));

        var peer = TestTokens.shared().peer(org, "p1");
        var other = TestTokens.shared().peer(org, "p2");
        assertThat(eraseAs(other, org, Map.of("eventId", own.eventId().toString()))
                        .json()
                        .path("rule")
                        .asString())
                .isEqualTo("own-event-within-window");
        assertThat(eraseAs(peer, org, Map.of("clientCode", "ABCD1234")).status())
                .isEqualTo(403);
        assertThat(eraseAs(
                                TestTokens.shared().analyst(org),
                                org,
                                Map.of("eventId", own.eventId().toString()))
                        .status())
                .isEqualTo(403);
        assertThat(eraseAs(peer, org, Map.of("eventId", own.eventId().toString()))
                        .status())
                .isEqualTo(201);
        assertThat(signalText(org)).isNull();
        assertThat(erase(org, Map.of("clientCode", 12345)).status()).isEqualTo(400);
        assertThat(erase(org, Map.of()).json().path("rule").asString()).isEqualTo("one-of");
        assertThat(erase(org, Map.of("eventId", UUID.randomUUID().toString())).status())
                .isEqualTo(404);
    }

    private static Event event(String org, Instant at, Payload payload) {
        return SampleEvents.event(org, "p1", at, payload);
    }

    private String api(String org) {
        return stack.api() + "/api/v1/orgs/" + org;
    }

    private String signalText(String org) {
        return text(
                Client.get(api(org) + "/outreach/signals").path("items").path(0).path("text"));
    }

    /** A string field\'s value; null when it is absent or null. */
    private static String text(JsonNode node) {
        return node.isString() ? node.asString() : null;
    }

    private Client.Response erase(String org, Map<String, ?> body) {
        return eraseAs(TestTokens.shared().coordinator(org), org, body);
    }

    private Client.Response eraseAs(String token, String org, Map<String, ?> body) {
        return Client.sendAs(
                token,
                HttpRequest.newBuilder(URI.create(api(org) + "/erasures"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                EventCodec.mapper().writeValueAsString(body))));
    }

    private JsonNode lookup(String org, String code) {
        return Client.send(HttpRequest.newBuilder(URI.create(api(org) + "/support/cases/lookup"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"clientCode\":\"" + code + "\"}")))
                .json();
    }

    private String clientsReached(String org) {
        return Client.get(api(org) + "/outreach/clients-reached").path("months").toString();
    }

    private void rebuild(String family) {
        var started = Client.send(HttpRequest.newBuilder(URI.create(stack.worker() + "/actuator/rebuilds/" + family))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(started.status()).isEqualTo(200);
        int generation = started.json().path("generation").asInt();
        await().atMost(SETTLE).untilAsserted(() -> {
            var progress = Client.get(stack.worker() + "/actuator/rebuilds").path(family);
            assertThat(progress.path("generation").asInt()).isEqualTo(generation);
            assertThat(progress.path("status").asString()).isEqualTo("done");
        });
    }

    /**
     * Every record of every event, dead-letter and erasure topic, as text; the organisation's events each checked
     * against the schemas of the published form.
     */
    private static String kafkaRecords(String org) {
        var topics = new ArrayList<String>(Topics.EVENT_TOPICS);
        Topics.EVENT_TOPICS.forEach(t -> topics.add(Topics.deadLetter(t)));
        topics.add(Topics.ERASURES);
        var all = new StringBuilder();
        try (var consumer = new KafkaConsumer<>(
                Map.<String, Object>of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        TestInfrastructure.kafkaBootstrapServers(),
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            var partitions = new ArrayList<TopicPartition>();
            consumer.listTopics().forEach((topic, infos) -> {
                if (topics.contains(topic)) {
                    infos.forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
                }
            });
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    all.append(new String(r.value(), StandardCharsets.UTF_8)).append('\n');
                    if (Topics.EVENT_TOPICS.contains(r.topic())) {
                        var event = EventCodec.mapper().readTree(r.value());
                        if (org.equals(event.path("orgId").asString())) {
                            assertThat(EventSchemas.validatePublished(event))
                                    .as(r.topic() + "@" + r.offset())
                                    .isEmpty();
                        }
                    }
                });
            }
        }
        return all.toString();
    }

    private void assertMongoHoldsNo(String org, String code, String text, String ref) {
        try (var client = MongoClients.create(TestInfrastructure.mongoUri())) {
            var db = client.getDatabase(stack.database);
            for (var name : db.listCollectionNames()) {
                var everything = new StringBuilder();
                // the organisation's documents (the stack's database is shared with the other system tests), in
                // batches the embedded server answers within the driver's message size
                db.getCollection(name)
                        .find(Filters.or(
                                Filters.eq("orgId", org), Filters.regex("_id", "(^|\\|)" + Pattern.quote(org) + "\\|")))
                        .batchSize(200)
                        .forEach((Document d) -> everything.append(d.toJson()));
                assertThat(everything.toString())
                        .as(name)
                        .doesNotContainIgnoringCase(code)
                        .doesNotContain(text);
                if (name.startsWith("support_cases")
                        || name.startsWith("activity_log")
                        || name.startsWith("clients_reached")
                        || name.equals("client_pseudonyms")) {
                    assertThat(everything.toString()).as(name).doesNotContain(ref);
                }
            }
        }
    }
}
