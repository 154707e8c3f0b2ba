package org.peertracker.events;

import com.networknt.schema.Error;
import com.networknt.schema.ExecutionContext;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * The JSON Schemas (2020-12) of the envelope and of each payload: the one source of truth for what a
 * well-formed event is. Rules a schema cannot express (the catalogue's types and versions, time and tenancy)
 * are checked by their owners, never restated here.
 */
public final class EventSchemas {

    /** The rule of an event that the validator failed on. */
    static final String SCHEMA_CHECK = "schema-check";

    private static final System.Logger LOG = System.getLogger(EventSchemas.class.getName());
    private static final String FOLDER = "schemas/";
    private static final SchemaRegistry REGISTRY =
            SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Schema ENVELOPE = REGISTRY.getSchema(resource("envelope.v1.json"));
    private static final Map<EventType, Schema> PAYLOADS = new EnumMap<>(EventType.class);
    /** The published form: what Kafka and the feed carry ({@code schemas/published/}). */
    private static final String PUBLISHED = "published/";

    private static final Schema PUBLISHED_ENVELOPE = REGISTRY.getSchema(resource(PUBLISHED + "envelope.v1.json"));
    private static final Map<EventType, Schema> PUBLISHED_PAYLOADS = new EnumMap<>(EventType.class);

    static {
        for (var type : EventType.values()) {
            PAYLOADS.put(type, REGISTRY.getSchema(resource(fileOf(type))));
            PUBLISHED_PAYLOADS.put(type, REGISTRY.getSchema(resource(PUBLISHED + fileOf(type))));
        }
    }

    private EventSchemas() {}

    /** The schema document of the envelope, as served to clients. */
    public static String envelopeDocument() {
        return text("envelope.v1.json");
    }

    /** The schema document of the envelope as published (on Kafka and the feed). */
    public static String publishedEnvelopeDocument() {
        return text(PUBLISHED + "envelope.v1.json");
    }

    /** The schema document of a type's payload as published: {@code clientRef}, sealed texts. */
    public static String publishedPayloadDocument(EventType type) {
        return text(PUBLISHED + fileOf(type));
    }

    /** The schema document of a type's payload, as served to clients. */
    public static String payloadDocument(EventType type) {
        return text(fileOf(type));
    }

    /**
     * Checks an event against the envelope schema and, when its type and version are in the catalogue, its
     * payload schema. Field names in the violations are dotted paths from the event's root. A number beyond ±10^18
     * or with more than 15 decimals is named ({@code number-range}, {@code number-format}) before any schema sees
     * the event; read it with {@link EventCodec#exactReader()} so that {@code 1e-400} is seen as sent, not as the 0
     * a double makes of it.
     */
    public static List<Violation> validate(JsonNode event) {
        return validate(event, Locale.ENGLISH);
    }

    /** As {@link #validate(JsonNode)}, with the schemas' messages in {@code locale}'s language where there are any. */
    public static List<Violation> validate(JsonNode event, Locale locale) {
        var extreme = NumberGuard.check(event);
        if (!extreme.isEmpty()) {
            // the validator would throw on them, or compute without bound; the rest is checked once they are fixed
            return extreme;
        }
        return againstSchemas(event, locale);
    }

    /**
     * The schemas' verdict; a validator that throws (as it did on {@code 1e308} where a schema has a
     * {@code minimum}) makes a violation of the whole event, never an error of the caller.
     */
    static List<Violation> againstSchemas(JsonNode event) {
        return againstSchemas(event, Locale.ENGLISH);
    }

    static List<Violation> againstSchemas(JsonNode event, Locale locale) {
        return againstSchemas(event, locale, ENVELOPE, PAYLOADS);
    }

    /**
     * Checks an event as published (on Kafka and the feed) against the schemas of the published form: a consumer's
     * check of what it reads, and the tests' of every record they read.
     */
    public static List<Violation> validatePublished(JsonNode event) {
        return againstSchemas(event, Locale.ENGLISH, PUBLISHED_ENVELOPE, PUBLISHED_PAYLOADS);
    }

    private static List<Violation> againstSchemas(
            JsonNode event, Locale locale, Schema envelope, Map<EventType, Schema> payloads) {
        Consumer<ExecutionContext> inLanguage = context -> context.executionConfig(config -> config.locale(locale));
        try {
            var violations = new ArrayList<Violation>();
            envelope.validate(event, inLanguage).forEach(e -> violations.add(violation(e, "")));
            catalogued(event, violations).ifPresent(type -> {
                payloads.get(type)
                        .validate(event.path("payload"), inLanguage)
                        .forEach(e -> violations.add(violation(e, "payload")));
                if (type == EventType.EVENT_AMENDED) {
                    // the corrected payload is of the target's type, and must be valid as one
                    EventType.byToken(event.path("payload").path("targetType").asString(""))
                            .filter(target -> !target.isCorrection())
                            .ifPresent(target -> payloads.get(target)
                                    .validate(event.path("payload").path("payload"), inLanguage)
                                    .forEach(e -> violations.add(violation(e, "payload.payload"))));
                }
            });
            return violations;
        } catch (RuntimeException e) {
            // the class only: a message could quote the event's values
            LOG.log(
                    System.Logger.Level.WARNING,
                    "the schema validator failed on an event: {0}",
                    e.getClass().getName());
            return List.of(new Violation(
                    "(event)",
                    SCHEMA_CHECK,
                    "the event could not be checked against its schema; check that its numbers and texts are of "
                            + "ordinary size"));
        }
    }

    private static Optional<EventType> catalogued(JsonNode event, List<Violation> violations) {
        var token = event.path("type");
        if (!token.isString()) {
            return Optional.empty();
        }
        var type = EventType.byToken(token.asString());
        if (type.isEmpty()) {
            violations.add(new Violation("type", "catalogue", "unknown type '" + token.asString() + "'"));
            return Optional.empty();
        }
        var version = event.path("version");
        if (version.isIntegralNumber()
                && !(version.canConvertToInt()
                        && version.intValue() == type.get().version())) {
            violations.add(new Violation(
                    "version",
                    "supported-version",
                    "version " + version.asString() + " of " + type.get().token() + " is not supported; use "
                            + type.get().version()));
            return Optional.empty();
        }
        return event.path("payload").isObject() ? type : Optional.empty();
    }

    private static Violation violation(Error error, String prefix) {
        var field = join(prefix, dotted(error.getInstanceLocation().toString()));
        if (error.getProperty() != null && "required".equals(error.getKeyword())) {
            field = join(field, error.getProperty());
        }
        return new Violation(field.isEmpty() ? "(event)" : field, error.getKeyword(), error.getMessage());
    }

    /** {@code /materials/0/kind} as {@code materials[0].kind}. */
    private static String dotted(String pointer) {
        var field = new StringBuilder();
        for (var segment : pointer.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            var name = segment.replace("~1", "/").replace("~0", "~");
            if (name.chars().allMatch(Character::isDigit)) {
                field.append('[').append(name).append(']');
            } else {
                field.append(field.isEmpty() ? "" : ".").append(name);
            }
        }
        return field.toString();
    }

    private static String join(String a, String b) {
        return a.isEmpty() ? b : b.isEmpty() ? a : a + "." + b;
    }

    private static String fileOf(EventType type) {
        return type.token() + ".v" + type.version() + ".json";
    }

    private static InputStream resource(String file) {
        var in = EventSchemas.class.getResourceAsStream(FOLDER + file);
        if (in == null) {
            throw new IllegalStateException("missing schema " + file);
        }
        return in;
    }

    private static String text(String file) {
        try (var in = resource(file)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
