package org.peertracker.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes events as the contract's JSON: the {@code type} field names the payload, never a Java
 * class, and unknown extra fields of a known version are tolerated.
 */
public final class EventCodec {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // optional counts left out by a field app are zero (Jackson 3 would refuse them)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .changeDefaultPropertyInclusion(incl -> incl.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();

    // a double reads 1e-400 as 0 and 1e400 as Infinity: an edge that judges numbers must see them as sent
    private static final ObjectReader EXACT = MAPPER.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private EventCodec() {}

    /** The mapper configured for the contract, for callers that handle JSON trees. */
    public static JsonMapper mapper() {
        return MAPPER;
    }

    /**
     * The contract's reader keeping every number exactly as sent (decimals as {@code BigDecimal}), for the edge
     * that checks events. An exponent beyond the int range makes it throw {@link NumberFormatException}.
     */
    public static ObjectReader exactReader() {
        return EXACT;
    }

    public static String write(Event event) {
        return MAPPER.writeValueAsString(event);
    }

    public static byte[] writeBytes(Event event) {
        return MAPPER.writeValueAsBytes(event);
    }

    /** Reads an event from Kafka or a trusted source. */
    public static Event read(String json) {
        try {
            return read(MAPPER.readTree(json));
        } catch (JacksonException e) {
            throw new EventFormatException("not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static Event read(byte[] json) {
        try {
            return read(MAPPER.readTree(json));
        } catch (JacksonException e) {
            throw new EventFormatException("not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Binds a tree to an event; the type token and version must be in the catalogue. */
    public static Event read(JsonNode tree) {
        if (!(tree instanceof ObjectNode node)) {
            throw new EventFormatException("an event must be a JSON object");
        }
        var token = node.path("type").asString(null);
        var type = EventType.byToken(token).orElseThrow(() -> new EventFormatException("unknown type: " + token));
        var versionNode = node.path("version");
        int version = versionNode.isIntegralNumber() && versionNode.canConvertToInt() ? versionNode.intValue() : -1;
        if (version != type.version()) {
            throw new EventFormatException("unsupported version " + version + " of " + token);
        }
        try {
            var payload = type == EventType.EVENT_AMENDED
                    ? amended(node.path("payload"))
                    : MAPPER.treeToValue(node.path("payload"), type.payloadClass());
            // the payload is an unknown property of the envelope's fields, skipped without a copy of the tree
            var event = MAPPER.treeToValue(node, EnvelopeFields.class);
            return new Event(
                    event.eventId(),
                    token,
                    version,
                    event.orgId(),
                    event.peerId(),
                    event.deviceId(),
                    event.deviceSeq(),
                    event.occurredAt(),
                    event.receivedAt(),
                    event.submittedBy(),
                    payload);
        } catch (JacksonException e) {
            throw new EventFormatException("cannot read " + token + ": " + e.getOriginalMessage(), e);
        }
    }

    /** An amendment's corrected payload is of its target's type, named beside it. */
    private static EventAmended amended(JsonNode node) {
        var targetToken = node.path("targetType").asString(null);
        var target = EventType.byToken(targetToken)
                .filter(t -> !t.isCorrection())
                .orElseThrow(() -> new EventFormatException("an amendment of an unknown type: " + targetToken));
        var fields = MAPPER.treeToValue(node, AmendmentFields.class);
        return new EventAmended(
                fields.targetEventId(),
                targetToken,
                fields.reason(),
                MAPPER.treeToValue(node.path("payload"), target.payloadClass()));
    }

    private record AmendmentFields(UUID targetEventId, String reason) {}

    private record EnvelopeFields(
            UUID eventId,
            String orgId,
            String peerId,
            String deviceId,
            Long deviceSeq,
            Instant occurredAt,
            Instant receivedAt,
            Submitter submittedBy) {}
}
