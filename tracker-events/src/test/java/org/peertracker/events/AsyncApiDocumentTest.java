package org.peertracker.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

class AsyncApiDocumentTest {

    private static final String VIEW_CHANGED = "view-changed";
    private static final String CLIENT_ERASED = "client.erased";

    private static JsonNode document;

    @BeforeAll
    static void parse() throws IOException {
        try (var in = EventSchemas.class.getResourceAsStream("asyncapi.yaml")) {
            assertThat(in).as("asyncapi.yaml next to the schemas").isNotNull();
            document = YAMLMapper.builder().build().readTree(in);
        }
    }

    @Test
    void isAnAsyncApiThreeDocument() {
        assertThat(document.path("asyncapi").asString()).isEqualTo("3.0.0");
        assertThat(document.path("info").path("version").asString()).isEqualTo("1.0.0");
        assertThat(document.path("info").path("description").asString())
                .contains("clientRef", "clientCode", ".dlt")
                .contains("outreach.signal-reported", "campaign.launched", "campaign.outcome-recorded");
        assertThat(document.has("channels")).isTrue();
        assertThat(document.has("operations")).isTrue();
        assertThat(document.has("components")).isTrue();
    }

    @Test
    void saysHowToConsumeTheEventsFromKafkaOrFromTheHttpFeed() {
        assertThat(document.path("info").path("description").asString())
                .contains("consumer group", "/feed?after=", "cursor", "at least once", "`eventId` once");
    }

    @Test
    void everyEventTopicTheViewChangesAndTheErasureNoticesAreChannels() {
        var addresses =
                channels().map(channel -> channel.path("address").asString()).toList();

        assertThat(addresses)
                .containsAll(Topics.EVENT_TOPICS)
                .contains(Topics.VIEW_CHANGES, Topics.ERASURES)
                .doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void documentsEveryTypeByItsTokenOnTheChannelOfItsTopic(EventType type) {
        var message = document.path("components").path("messages").path(type.token());

        assertThat(message.path("name").asString()).isEqualTo(type.token());
        // a correction is on every event channel, where the events it may correct are
        for (var topic : type.isCorrection() ? Topics.EVENT_TOPICS : List.of(type.topic())) {
            assertThat(channel(topic)
                            .path("messages")
                            .path(type.token())
                            .path("$ref")
                            .asString())
                    .isEqualTo("#/components/messages/" + type.token());
        }
        var envelopeAndPayload = message.path("payload").path("schema").path("allOf");
        assertThat(envelopeAndPayload
                        .path(1)
                        .path("properties")
                        .path("type")
                        .path("const")
                        .asString())
                .isEqualTo(type.token());
        assertThat(envelopeAndPayload
                        .path(1)
                        .path("properties")
                        .path("version")
                        .path("const")
                        .asInt())
                .isEqualTo(type.version());
        assertThat(envelopeAndPayload
                        .path(1)
                        .path("properties")
                        .path("payload")
                        .path("$ref")
                        .asString())
                .isEqualTo("./schemas/published/" + type.token() + ".v" + type.version() + ".json");
        assertThat(message.path("bindings")
                        .path("kafka")
                        .path("key")
                        .path("type")
                        .asString())
                .isEqualTo("string");
    }

    @Test
    void documentsNoMessageTheCatalogueLacks() {
        var tokens = Arrays.stream(EventType.values()).map(EventType::token).toList();

        assertThat(document.path("components").path("messages").propertyNames())
                .containsExactlyInAnyOrderElementsOf(concat(concat(tokens, VIEW_CHANGED), CLIENT_ERASED));
        for (var topic : Topics.EVENT_TOPICS) {
            assertThat(channel(topic).path("messages").propertyNames())
                    .as(topic)
                    .containsExactlyInAnyOrderElementsOf(Arrays.stream(EventType.values())
                            .filter(type -> type.isCorrection() || type.topic().equals(topic))
                            .map(EventType::token)
                            .toList());
        }
        assertThat(channel(Topics.VIEW_CHANGES).path("messages").propertyNames())
                .containsExactly(VIEW_CHANGED);
        assertThat(channel(Topics.ERASURES).path("messages").propertyNames()).containsExactly(CLIENT_ERASED);
    }

    @Test
    void describesTheErasureNoticeAsTheNoticeRecordIsWritten() {
        var notice = new ClientErased(
                UUID.randomUUID(),
                "mainline",
                "0123456789abcdef0123456789abcdef",
                ClientErased.REQUEST,
                Instant.parse("2026-12-07T10:00:00Z"));
        var written = EventCodec.mapper().valueToTree(notice);
        var schema = document.path("components")
                .path("messages")
                .path(CLIENT_ERASED)
                .path("payload")
                .path("schema");

        assertThat(written.propertyNames())
                .containsExactlyInAnyOrderElementsOf(schema.path("properties").propertyNames());
        assertThat(schema.path("required").valueStream().map(JsonNode::asString))
                .containsExactlyInAnyOrderElementsOf(written.propertyNames());
    }

    @Test
    void everySchemaFileAMessageReferencesExists() {
        var files = new ArrayList<String>();
        collectRefs(document.path("components").path("messages"), files);

        assertThat(files.stream().filter(ref -> !ref.startsWith("#")))
                .isNotEmpty()
                .allSatisfy(ref -> {
                    assertThat(ref).startsWith("./schemas/");
                    assertThat(EventSchemas.class.getResource(ref.substring(2)))
                            .as(ref)
                            .isNotNull();
                });
    }

    @Test
    void everyLocalReferenceResolves() {
        var refs = new ArrayList<String>();
        collectRefs(document, refs);

        assertThat(refs.stream().filter(ref -> ref.startsWith("#/")))
                .isNotEmpty()
                .allSatisfy(ref -> assertThat(document.at(ref.substring(1)).isMissingNode())
                        .as(ref)
                        .isFalse());
    }

    @Test
    void everyChannelHasAReceiveOperationForAllItsMessages() {
        document.path("channels").properties().forEach(channel -> {
            var operations = document.path("operations")
                    .valueStream()
                    .filter(op -> op.path("channel").path("$ref").asString().equals("#/channels/" + channel.getKey()))
                    .toList();
            assertThat(operations).as(channel.getKey()).hasSize(1);
            assertThat(operations.getFirst().path("action").asString()).isEqualTo("receive");
            assertThat(operations
                            .getFirst()
                            .path("messages")
                            .valueStream()
                            .map(ref -> ref.path("$ref").asString()))
                    .containsExactlyInAnyOrderElementsOf(channel.getValue().path("messages").propertyNames().stream()
                            .map(id -> "#/channels/" + channel.getKey() + "/messages/" + id)
                            .toList());
        });
    }

    private static Stream<JsonNode> channels() {
        return document.path("channels").valueStream();
    }

    private static JsonNode channel(String address) {
        return channels()
                .filter(channel -> channel.path("address").asString().equals(address))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no channel for " + address));
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject() && node.path("$ref").isString()) {
            refs.add(node.path("$ref").asString());
        }
        node.valueStream().forEach(child -> collectRefs(child, refs));
    }

    private static List<String> concat(List<String> list, String more) {
        return Stream.concat(list.stream(), Stream.of(more)).toList();
    }
}
