package org.peertracker.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.node.ObjectNode;

class EventCodecTest {

    @ParameterizedTest
    @EnumSource(EventType.class)
    void roundTripsTheGoldenSampleOfEveryType(EventType type) throws IOException {
        var golden = golden(type);

        var event = EventCodec.read(golden);

        assertThat(event.eventType()).isEqualTo(type);
        assertThat(EventCodec.mapper().readTree(EventCodec.write(event)))
                .isEqualTo(EventCodec.mapper().readTree(golden));
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void goldenSamplesSatisfyTheirSchemas(EventType type) throws IOException {
        var tree = EventCodec.mapper().readTree(golden(type));
        // goldens are in their published form; the schemas are the edge's, where a client code stands instead
        var payload = (ObjectNode) tree.path("payload");
        if (payload.remove("clientRef") != null) {
            payload.put("clientCode", "ABCD1970M");
        }

        assertThat(EventSchemas.validate(tree)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void toleratesAnUnknownExtraFieldInAVersionOnePayload(EventType type) throws IOException {
        var tree = (ObjectNode) EventCodec.mapper().readTree(golden(type));
        ((ObjectNode) tree.path("payload")).put("addedInALaterMinorRelease", "whatever");
        tree.put("envelopeFieldFromTheFuture", 7);

        var event = EventCodec.read(tree);

        assertThat(event.eventType()).isEqualTo(type);
        assertThat(EventCodec.write(event)).doesNotContain("addedInALaterMinorRelease", "envelopeFieldFromTheFuture");
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void rejectsAVersionTheCatalogueDoesNotHave(EventType type) throws IOException {
        var tree = (ObjectNode) EventCodec.mapper().readTree(golden(type));
        tree.put("version", type.version() + 1);

        assertThatThrownBy(() -> EventCodec.read(tree))
                .isInstanceOf(EventFormatException.class)
                .hasMessageContaining("unsupported version");
        assertThat(EventSchemas.validate(tree))
                .extracting(Violation::field, Violation::rule)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("version", "supported-version"));
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void keysEveryEventByItsSubject(EventType type) throws IOException {
        var tree = EventCodec.mapper().readTree(golden(type));
        var event = EventCodec.read(tree);
        var payload = tree.path("payload");
        var subject = switch (event.payload()) {
            // a correction is keyed as its target: by the subject it names, an amendment's in its corrected payload
            case EventVoided p -> payload.path("targetSubject");
            case EventAmended p -> payload.path("payload").path(subjectField(p.payload()));
            default -> payload.path(subjectField(event.payload()));
        };

        assertThat(subject.isString()).isTrue();
        assertThat(event.key()).isEqualTo(subject.asString());
        // a correction goes where every family that read its target reads it
        assertThat(event.topic())
                .isEqualTo(
                        type.isCorrection()
                                ? EventType.byToken(tree.path("payload")
                                                .path("targetType")
                                                .asString())
                                        .orElseThrow()
                                        .topic()
                                : type.topic());
    }

    private static String subjectField(Payload payload) {
        return switch (payload) {
            case SupportPayload p -> "caseId";
            case OutreachPayload p -> "sessionId";
            case CampaignPayload p -> "campaignId";
            case PeerPayload p -> "peerId";
            case CorrectionPayload p -> throw new IllegalArgumentException("a correction names its target's subject");
        };
    }

    @org.junit.jupiter.api.Test
    void rejectsAnUnknownType() {
        assertThatThrownBy(() -> EventCodec.read("{\"type\":\"outreach.hug-given\",\"version\":1,\"payload\":{}}"))
                .isInstanceOf(EventFormatException.class)
                .hasMessageContaining("unknown type");
    }

    static String golden(EventType type) throws IOException {
        try (var in = EventCodecTest.class.getResourceAsStream("/golden/" + type.token() + ".json")) {
            assertThat(in).as("golden sample of %s", type.token()).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
