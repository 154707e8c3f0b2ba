package org.peertracker.api.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.peertracker.api.ApiITSupport;
import org.peertracker.api.Http;
import org.peertracker.events.Event;
import org.peertracker.events.EventCodec;
import org.peertracker.events.EventExamples;
import org.peertracker.events.EventSchemas;
import org.peertracker.events.EventType;
import org.peertracker.testing.SampleEvents;
import org.peertracker.testing.TestTokens;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Throws generated malformed and random bodies at the intake (seeded, so a failure can be replayed with
 * {@code -Dfuzz.seed=N}): never a 5xx, never a stack trace or class name in a response, and exactly the events
 * answered as accepted reach Kafka — none of the rejected. Numbers of extreme magnitude and precision go into every
 * numeric field of every type, as its schema names them.
 */
class IntakeFuzzIT extends ApiITSupport {

    static final int REQUESTS = Integer.getInteger("fuzz.requests", 10_000);
    static final long SEED = Long.getLong("fuzz.seed", System.nanoTime());
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Beyond any field's range or precision, each in a form of its own; none may be taken. */
    static final List<String> EXTREME = List.of(
            "1e308",
            "-1e308",
            "1e400",
            "-1e400",
            "1e-400",
            "0.1e-320",
            "1234567890123456789012345678901234567890",
            "-1234567890123456789012345678901234567890",
            "9.3e18",
            "1E+19",
            "0.0000000000000001");

    static final String NUMBER = "NUMBER-" + UUID.randomUUID();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        infrastructure(registry, "fuzz_it");
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

            assertThat(response.status())
                    .as("seed %d, request %d: %s", SEED, i, body)
                    .isIn(202, 400, 413, 422);
            assertThat(response.body())
                    .as("seed %d, request %d", SEED, i)
                    .doesNotContain(
                            "Exception",
                            "\tat ",
                            "tools.jackson",
                            "java.lang",
                            "org.peertracker",
                            "org.springframework");
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
                .map(record -> EventCodec.read(record.value()).eventId().toString())
                .toList();
        assertThat(new HashSet<>(published))
                .as("seed %d", SEED)
                .isEqualTo(accepted)
                .doesNotContainAnyElementsOf(rejected);
        assertThat(accepted).isNotEmpty();
        assertThat(rejected).isNotEmpty();
    }

    @Test
    void rejectsAnExtremeNumberInEveryNumericFieldOfEveryTypeNamingTheField() {
        var org = "fuzz-" + UUID.randomUUID().toString().substring(0, 8);
        var http = new Http(port).as(TestTokens.shared().coordinator(org));
        var numbers = new ArrayList<>(EXTREME);
        // -0 is the number 0: whatever 0 gets, -0 must get too
        numbers.addAll(List.of("0", "-0"));
        Set<String> accepted = new HashSet<>();
        for (var type : EventType.values()) {
            var tried = new ArrayList<Tried>();
            for (var field : numericFields(type)) {
                numbers.forEach(number -> tried.add(new Tried(type, field, number)));
            }

            var response = http.post(
                    "/api/v1/orgs/" + org + "/events",
                    "["
                            + String.join(
                                    ",", tried.stream().map(t -> event(t, org)).toList()) + "]");

            assertThat(response.status())
                    .as("%s: %s", type.token(), response.body())
                    .isIn(202, 422);
            var results = response.json().path("results");
            assertThat(results.size()).isEqualTo(tried.size());
            for (int i = 0; i < tried.size(); i++) {
                var result = results.get(i);
                var what = tried.get(i);
                if (what.number().equals("-0")) {
                    assertThat(status(result)).as(what.toString()).isEqualTo(status(results.get(i - 1)));
                    assertThat(rules(result)).as(what.toString()).isEqualTo(rules(results.get(i - 1)));
                } else if (!what.number().equals("0")) {
                    assertThat(status(result)).as(what.toString()).isEqualTo("rejected");
                    assertThat(result.path("errors")
                                    .valueStream()
                                    .map(e -> e.path("field").asString()))
                            .as(what.toString())
                            .contains(what.field());
                }
                if (status(result).equals("accepted")) {
                    accepted.add(result.path("eventId").asString());
                }
            }
        }

        var published = IntakeIT.published(org, accepted.size()).stream()
                .map(record -> EventCodec.read(record.value()).eventId().toString())
                .toList();
        assertThat(new HashSet<>(published)).isEqualTo(accepted);
        assertThat(accepted)
                .as("0 and -0 are valid deviceSeqs of every type")
                .hasSizeGreaterThanOrEqualTo(2 * EventType.values().length);
    }

    /** One number written into one field of an event of one type. */
    record Tried(EventType type, String field, String number) {

        @Override
        public String toString() {
            return type.token() + ": " + field + " = " + number;
        }
    }

    /** The dotted paths of the numbers the envelope's and the type's schemas define, nested objects included. */
    static List<String> numericFields(EventType type) {
        var fields = new ArrayList<String>();
        var envelope = EventCodec.mapper().readTree(EventSchemas.envelopeDocument());
        numbers(envelope, envelope, "", fields);
        var payload = EventCodec.mapper().readTree(EventSchemas.payloadDocument(type));
        numbers(payload, payload, "payload.", fields);
        return fields;
    }

    private static void numbers(JsonNode schema, JsonNode document, String prefix, List<String> fields) {
        for (var property : schema.path("properties").properties()) {
            var definition = property.getValue();
            var ref = definition.path("$ref").asString("");
            if (ref.startsWith("#/")) {
                definition = document.at(ref.substring(1));
            }
            var type = definition.path("type").asString("");
            if (type.equals("integer") || type.equals("number")) {
                fields.add(prefix + property.getKey());
            } else if (definition.has("properties")) {
                numbers(definition, document, prefix + property.getKey() + ".", fields);
            }
        }
    }

    /** The type's example, as a field app sends it, now, with the number written as is at the field. */
    private static String event(Tried tried, String org) {
        var event = (ObjectNode) EventCodec.mapper().readTree(EventExamples.of(tried.type()));
        event.put("eventId", UUID.randomUUID().toString());
        event.put("orgId", org);
        event.put("occurredAt", Instant.now().minusSeconds(60).toString());
        if (tried.type() == EventType.CASE_OPENED) {
            // a case is opened once: each try opens one of its own
            ((ObjectNode) event.path("payload")).put("caseId", "case-" + UUID.randomUUID());
        }
        var path = tried.field().split("\\.");
        var parent = event;
        for (int i = 0; i < path.length - 1; i++) {
            parent = parent.path(path[i]) instanceof ObjectNode child ? child : parent.putObject(path[i]);
        }
        parent.put(path[path.length - 1], NUMBER);
        return event.toString().replace("\"" + NUMBER + "\"", tried.number());
    }

    private static String status(JsonNode result) {
        return result.path("status").asString();
    }

    private static List<String> rules(JsonNode result) {
        return result.path("errors")
                .valueStream()
                .map(e -> e.path("field").asString() + " " + e.path("rule").asString())
                .toList();
    }

    private static String body(Random random, String org) {
        return switch (random.nextInt(10)) {
            case 0 -> truncated(random, org);
            case 1 -> garbage(random);
            case 2 ->
                "["
                        + String.join(
                                ",",
                                List.of(
                                        mutated(random, org).toString(),
                                        valid(org).toString(),
                                        mutated(random, org).toString()))
                        + "]";
            case 3 -> scalar(random).toString();
            case 4 -> "[".repeat(1 + random.nextInt(3000));
            default -> mutated(random, org).toString();
        };
    }

    private static ObjectNode valid(String org) {
        Event event = SampleEvents.event(
                org, "peer-1", Instant.now().minusSeconds(30), SampleEvents.knownContact("s-1", "oost", "ABCD1980M"));
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
        return switch (random.nextInt(10)) {
            case 9 -> extreme(random);
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

    private static JsonNode extreme(Random random) {
        return NODES.numberNode(new BigDecimal(EXTREME.get(random.nextInt(EXTREME.size()))));
    }

    private static String truncated(Random random, String org) {
        var text = valid(org).toString();
        return text.substring(0, random.nextInt(text.length()));
    }

    private static String garbage(Random random) {
        var bytes = new byte[random.nextInt(300)];
        random.nextBytes(bytes);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static String randomText(Random random, int length) {
        var text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) (random.nextBoolean() ? 'a' + random.nextInt(26) : random.nextInt(0x3000)));
        }
        return text.toString();
    }
}
