package org.peertracker.api.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.peertracker.api.Http;
import org.peertracker.events.Event;
import org.peertracker.events.EventCodec;
import org.peertracker.testing.SampleEvents;
import org.peertracker.testing.TestInfrastructure;
import org.peertracker.testing.TestTokens;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Throws generated malformed and random bodies at the intake (seeded, so a failure can be replayed with
 * {@code -Dfuzz.seed=N}): never a 5xx, never a stack trace or class name in a response, and exactly the events
 * answered as accepted reach Kafka — none of the rejected.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("local")
class IntakeFuzzIT {

    static final int REQUESTS = Integer.getInteger("fuzz.requests", 10_000);
    static final long SEED = Long.getLong("fuzz.seed", System.nanoTime());
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.springProperties(TestInfrastructure.uniqueDatabase("fuzz_it"))
                .forEach((key, value) -> registry.add(key, () -> value));
        registry.add("tracker.pseudonymisation.secret", () -> "test-secret");
        registry.add("tracker.security.dev-key", () -> TestTokens.shared().keyFile().toString());
    }

    @Test
    void survivesMalformedAndRandomBodiesAndPublishesOnlyWhatItAccepted() {
        var org = "fuzz-" + UUID.randomUUID().toString().substring(0, 8);
        var random = new Random(SEED);
        var http = new Http(port).as(TestTokens.shared().coordinator(org));
        Set<String> accepted = new HashSet<>();
        Set<String> rejected = new HashSet<>();
        for (int i = 0; i < REQUESTS; i++) {
            var body = body(random, org);
            var response = http.post("/api/v1/orgs/" + org + "/events", body);

            assertThat(response.status()).as("seed %d, request %d: %s", SEED, i, body).isIn(202, 400, 413, 422);
            assertThat(response.body()).as("seed %d, request %d", SEED, i)
                    .doesNotContain("Exception", "\tat ", "tools.jackson", "java.lang", "org.peertracker", "org.springframework");
            if (response.status() == 202 || response.status() == 422) {
                response.json().path("results").forEach(result -> {
                    var id = result.path("eventId").asString(null);
                    if (id != null) {
                        (result.path("status").asString().equals("accepted") ? accepted : rejected).add(id);
                    }
                });
            }
        }
        rejected.removeAll(accepted); // the same id may be sent valid once and broken once

        var published = IntakeIT.published(org, accepted.size()).stream()
                .map(record -> EventCodec.read(record.value()).eventId().toString()).toList();
        assertThat(new HashSet<>(published)).as("seed %d", SEED).isEqualTo(accepted).doesNotContainAnyElementsOf(rejected);
        assertThat(accepted).isNotEmpty();
        assertThat(rejected).isNotEmpty();
    }

    private static String body(Random random, String org) {
        return switch (random.nextInt(10)) {
            case 0 -> truncated(random, org);
            case 1 -> garbage(random);
            case 2 -> "[" + String.join(",", List.of(mutated(random, org).toString(), valid(org).toString(),
                    mutated(random, org).toString())) + "]";
            case 3 -> scalar(random).toString();
            case 4 -> "[".repeat(1 + random.nextInt(3000));
            default -> mutated(random, org).toString();
        };
    }

    private static ObjectNode valid(String org) {
        Event event = SampleEvents.event(org, "peer-1", Instant.now().minusSeconds(30),
                SampleEvents.knownContact("s-1", "oost", "ABCD1980M"));
        return (ObjectNode) EventCodec.mapper().readTree(EventCodec.write(event));
    }

    private static ObjectNode mutated(Random random, String org) {
        var event = valid(org);
        int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations; m++) {
            var target = random.nextBoolean() && event.path("payload") instanceof ObjectNode payload ? payload : event;
            var fields = target.propertyNames().stream().toList();
            if (fields.isEmpty()) {
                continue;
            }
            var field = fields.get(random.nextInt(fields.size()));
            switch (random.nextInt(4)) {
                case 0 -> target.remove(field);
                case 1 -> target.set(field, scalar(random));
                case 2 -> target.put(field, randomText(random, random.nextInt(2000)));
                default -> target.set("extra" + random.nextInt(5), scalar(random));
            }
        }
        return event;
    }

    private static JsonNode scalar(Random random) {
        return switch (random.nextInt(9)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.numberNode(random.nextLong());
            case 2 -> NODES.numberNode(-1 - random.nextInt(1000));
            case 3 -> NODES.numberNode(random.nextDouble() * 1e12);
            case 4 -> NODES.booleanNode(random.nextBoolean());
            case 5 -> NODES.stringNode(randomText(random, random.nextInt(40)));
            case 6 -> NODES.arrayNode().add(random.nextInt());
            case 7 -> NODES.objectNode().put("x", random.nextInt());
            default -> NODES.stringNode("outreach.contact-recorded");
        };
    }

    private static String truncated(Random random, String org) {
        var text = valid(org).toString();
        return text.substring(0, random.nextInt(text.length()));
    }

    private static String garbage(Random random) {
        var bytes = new byte[random.nextInt(300)];
        random.nextBytes(bytes);
        return new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static String randomText(Random random, int length) {
        var text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) (random.nextBoolean() ? 'a' + random.nextInt(26) : random.nextInt(0x3000)));
        }
        return text.toString();
    }

}
