package org.peertracker.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The schemas of the published form (what Kafka and the feed carry) are the edge's, rewritten as the intake rewrites
 * an event: {@code clientRef} (the pseudonym table's random reference) where the edge has {@code clientCode}, free
 * texts sealed, {@code receivedAt} and {@code submittedBy} required. They are committed under
 * {@code schemas/published/} (the AsyncAPI document refers to them) and must equal this derivation; write them with
 * {@code mvn -pl tracker-events test -Dtest=PublishedSchemasTest -Dpublished-schemas.update=true}. Every golden
 * sample (a record as published) satisfies them, and so does an edge example once rewritten.
 */
class PublishedSchemasTest {

    static final String UPDATE = "published-schemas.update";
    static final String CLIENT_REF_PATTERN = "^[0-9a-f]{32}$";
    static final String SEALED_PATTERN = "^sealed:k[1-9][0-9]{0,8}:[0-9a-fA-F-]{36}:[A-Za-z0-9_-]{16,4096}$";
    /** The free texts of each type, sealed when published. */
    static final Map<EventType, List<String>> FREE_TEXT = Map.of(
            EventType.OUTREACH_SIGNAL_REPORTED, List.of("text"),
            EventType.CAMPAIGN_LAUNCHED, List.of("goal"),
            EventType.CAMPAIGN_OUTCOME_RECORDED, List.of("text"),
            EventType.EVENT_VOIDED, List.of("note"));

    @Test
    void theCommittedSchemasOfThePublishedFormAreTheEdgesRewritten() throws IOException {
        var stale = new StringBuilder();
        check("envelope.v1.json", publishedEnvelope(), stale);
        for (var type : EventType.values()) {
            check(file(type), published(type), stale);
        }
        if (!stale.isEmpty()) {
            fail("out of date under schemas/published/:" + stale + "; write them with mvn -pl tracker-events test "
                    + "-Dtest=PublishedSchemasTest -D" + UPDATE + "=true");
        }
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyGoldenSampleIsValidInThePublishedForm(EventType type) throws IOException {
        var golden = EventCodec.mapper().readTree(resource("/golden/" + type.token() + ".json"));

        assertThat(EventSchemas.validatePublished(golden)).isEmpty();
    }

    @Test
    void refusesAPublishedEventWithAClientCodeOrAnOpenTextOrWithoutReceivedAt() throws IOException {
        var contact = (ObjectNode) EventCodec.mapper().readTree(resource("/golden/outreach.contact-recorded.json"));
        ((ObjectNode) contact.path("payload")).put("clientCode", "ZQXW1985K");
        var signal = (ObjectNode) EventCodec.mapper().readTree(resource("/golden/outreach.signal-reported.json"));
        ((ObjectNode) signal.path("payload")).put("text", "an open text");
        var unreceived = (ObjectNode) EventCodec.mapper().readTree(resource("/golden/case.closed.json"));
        unreceived.remove("receivedAt");

        assertThat(EventSchemas.validatePublished(contact))
                .extracting(Violation::field)
                .contains("payload.clientCode");
        assertThat(EventSchemas.validatePublished(signal))
                .extracting(Violation::field)
                .contains("payload.text");
        assertThat(EventSchemas.validatePublished(unreceived))
                .extracting(Violation::field)
                .contains("receivedAt");
    }

    /** A type's payload schema as published. */
    static ObjectNode published(EventType type) throws IOException {
        var schema = (ObjectNode) EventCodec.mapper().readTree(EventSchemas.payloadDocument(type));
        schema.put("$id", schema.path("$id").asString() + ":published");
        schema.put("title", schema.path("title").asString() + " (as published)");
        var properties = (ObjectNode) schema.path("properties");
        if (properties.has("clientCode")) {
            properties.set(
                    "clientRef",
                    EventCodec.mapper()
                            .createObjectNode()
                            .put(
                                    "description",
                                    "The client's pseudonymous reference: random, drawn from the organisation's "
                                            + "pseudonym table on the client's first event; set by the intake.")
                            .put("type", "string")
                            .put("pattern", CLIENT_REF_PATTERN));
            properties.set(
                    "clientCode",
                    EventCodec.mapper()
                            .createObjectNode()
                            .put("description", "Never published.")
                            .set("not", EventCodec.mapper().createObjectNode()));
            renameRequired(schema, "clientCode", "clientRef");
        }
        for (var field : FREE_TEXT.getOrDefault(type, List.of())) {
            properties.set(
                    field,
                    EventCodec.mapper()
                            .createObjectNode()
                            .put(
                                    "description",
                                    "Free text, sealed: sealed:k<version>:<eventId>:<base64url>, AES-256-GCM under a "
                                            + "data key of the event's own that only the tracker holds; read it "
                                            + "through the API while it exists.")
                            .put("type", "string")
                            .put("pattern", SEALED_PATTERN));
        }
        return schema;
    }

    /** The envelope as published: received and sent by someone, as the intake stamps it. */
    static ObjectNode publishedEnvelope() {
        var schema = (ObjectNode) EventCodec.mapper().readTree(EventSchemas.envelopeDocument());
        schema.put("$id", schema.path("$id").asString() + ":published");
        schema.put("title", schema.path("title").asString() + " (as published)");
        ((ArrayNode) schema.path("required")).add("receivedAt").add("submittedBy");
        var properties = (ObjectNode) schema.path("properties");
        properties.set(
                "receivedAt",
                EventCodec.mapper()
                        .createObjectNode()
                        .put("description", "When the intake received the event, set by it.")
                        .put("type", "string")
                        .put("format", "date-time"));
        var submitter = EventCodec.mapper().createObjectNode();
        submitter.put("description", "Who sent the event, from the bearer token; set by the intake.");
        submitter.put("type", "object");
        submitter.putArray("required").add("role").add("subject");
        var submitterProperties = submitter.putObject("properties");
        submitterProperties.putObject("role").put("type", "string");
        submitterProperties.putObject("subject").put("type", "string");
        submitterProperties.putObject("peerId").put("type", "string");
        properties.set("submittedBy", submitter);
        return schema;
    }

    private static void renameRequired(JsonNode node, String from, String to) {
        if (node instanceof ObjectNode object) {
            for (var name : List.copyOf(object.propertyNames())) {
                var child = object.path(name);
                if (name.equals("required") && child instanceof ArrayNode required) {
                    for (int i = 0; i < required.size(); i++) {
                        if (required.path(i).asString("").equals(from)) {
                            required.set(i, EventCodec.mapper().getNodeFactory().textNode(to));
                        }
                    }
                } else {
                    renameRequired(child, from, to);
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(child -> renameRequired(child, from, to));
        }
    }

    private static void check(String name, ObjectNode derived, StringBuilder stale) throws IOException {
        var file = folder().resolve(name);
        var rendered = EventCodec.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(derived) + "\n";
        if (Boolean.getBoolean(UPDATE)) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, rendered);
            return;
        }
        if (!Files.exists(file) || !Files.readString(file).replace("\r\n", "\n").equals(rendered)) {
            stale.append(' ').append(name);
        }
    }

    private static String file(EventType type) {
        return type.token() + ".v" + type.version() + ".json";
    }

    /** The module's {@code schemas/published/}, wherever the build runs from. */
    private static Path folder() {
        return Path.of(System.getProperty("basedir", ""))
                .toAbsolutePath()
                .resolve("src/main/resources/org/peertracker/events/schemas/published");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = PublishedSchemasTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
