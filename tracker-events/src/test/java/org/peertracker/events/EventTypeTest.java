package org.peertracker.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

class EventTypeTest {

    private record Family(String topic, String tokenPrefix, String subjectField) {}

    private static final Map<Class<?>, Family> FAMILIES = Map.of(
            SupportPayload.class, new Family(Topics.SUPPORT, "case.", "caseId"),
            OutreachPayload.class, new Family(Topics.OUTREACH, "outreach.", "sessionId"),
            CampaignPayload.class, new Family(Topics.CAMPAIGN, "campaign.", "campaignId"),
            PeerPayload.class, new Family(Topics.PEER, "peer.", "peerId"),
            // a correction has no topic of its own: it goes to its target's
            CorrectionPayload.class, new Family(null, "event.", "targetEventId"));

    @Test
    void catalogueHasTwentyOneTypesOverTheFourEventTopicsAndTwoCorrections() {
        assertThat(EventType.values()).hasSize(23);
        assertThat(Arrays.stream(EventType.values()).filter(EventType::isCorrection))
                .containsExactly(EventType.EVENT_VOIDED, EventType.EVENT_AMENDED);
        assertThat(Arrays.stream(EventType.values())
                        .filter(type -> !type.isCorrection())
                        .collect(Collectors.groupingBy(EventType::topic, Collectors.counting())))
                .containsOnlyKeys(Topics.EVENT_TOPICS)
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(Topics.SUPPORT, 6L, Topics.OUTREACH, 4L, Topics.CAMPAIGN, 4L, Topics.PEER, 7L));
    }

    @Test
    void catalogueHasEveryPayloadRecordOnce() {
        assertThat(Arrays.stream(EventType.values()).<Class<?>>map(EventType::payloadClass))
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(
                        permittedRecords(Payload.class).toList());
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void publishesEachTypeToTheTopicOfItsFamily(EventType type) {
        var family = familyOf(type);

        assertThat(type.topic()).isEqualTo(family.topic());
        assertThat(type.token()).startsWith(family.tokenPrefix());
        assertThat(type.name())
                .isEqualTo(type.token().toUpperCase().replace('.', '_').replace('-', '_'));
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyTypeHasASchemaFileAndAGoldenSample(EventType type) throws Exception {
        var schema = EventCodec.mapper().readTree(EventSchemas.payloadDocument(type));

        assertThat(schema.path("$id").asString()).isEqualTo("urn:peertracker:schema:" + type.token() + ":v1");
        assertThat(schema.path("title").asString()).isEqualTo(type.token() + " v1");
        assertThat(schema.path("description").asString()).isNotBlank();
        assertThat(schema.path("type").asString()).isEqualTo("object");
        assertThat(schema.path("required").valueStream().map(JsonNode::asString))
                .contains(familyOf(type).subjectField());
        assertThat(schema.has("additionalProperties"))
                .as("extra fields stay allowed")
                .isFalse();
        assertThat(EventCodecTest.golden(type)).isNotBlank();
    }

    private static Family familyOf(EventType type) {
        return Arrays.stream(type.payloadClass().getInterfaces())
                .filter(FAMILIES::containsKey)
                .map(FAMILIES::get)
                .findFirst()
                .orElseThrow();
    }

    private static Stream<Class<?>> permittedRecords(Class<?> sealed) {
        return Arrays.stream(sealed.getPermittedSubclasses())
                .flatMap(c -> c.isSealed() ? permittedRecords(c) : Stream.of(c));
    }
}
