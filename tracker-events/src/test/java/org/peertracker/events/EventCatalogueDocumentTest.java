package org.peertracker.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keeps {@code docs/events.md} true: it is rendered from the schemas and examples on the classpath, and the build
 * fails when the committed file says something else. {@code -Dtracker.docs.update=true} writes it instead.
 */
class EventCatalogueDocumentTest {

    static final String UPDATE = "tracker.docs.update";
    static final String REGENERATE =
            "mvn -B -ntp verify -pl tracker-events -Dtest=EventCatalogueDocumentTest " + "-Dtracker.docs.update=true";
    private static final String SCHEMAS = "../tracker-events/src/main/resources/org/peertracker/events/schemas/";

    /** The keywords the renderer states; any other would be a rule the page leaves out, so it stops instead. */
    private static final Set<String> KNOWN = Set.of(
            "$schema",
            "$id",
            "$defs",
            "$ref",
            "title",
            "description",
            "type",
            "required",
            "properties",
            "enum",
            "const",
            "not",
            "pattern",
            "format",
            "minLength",
            "maxLength",
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "multipleOf",
            "items",
            "minItems",
            "maxItems",
            "uniqueItems",
            "allOf",
            "if",
            "then",
            "else");

    @Test
    void docsEventsMdSaysWhatTheSchemasAndExamplesSay() throws IOException {
        var file = docs().resolve("events.md");
        var rendered = render();
        if (Boolean.getBoolean(UPDATE)) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, rendered);
            return;
        }
        if (!Files.exists(file)) {
            fail(file + " is missing; write it with: " + REGENERATE);
        }
        var committed = Files.readString(file).replace("\r\n", "\n");
        if (!committed.equals(rendered)) {
            fail("docs/events.md differs from the schemas and examples (" + firstDifference(committed, rendered)
                    + "); if the schemas are right, write it again with: " + REGENERATE);
        }
    }

    @Test
    void rendersEveryTypeWithEveryFieldOfItsSchema() {
        var rendered = render();

        for (var type : EventType.values()) {
            assertThat(rendered).contains("\n## `" + type.token() + "`\n");
            var schema = EventCodec.mapper().readTree(EventSchemas.payloadDocument(type));
            schema.path("properties")
                    .propertyNames()
                    .forEach(field -> assertThat(rendered).as(type.token()).contains("| `" + field + "` |"));
        }
    }

    @Test
    void stopsAtAKeywordItCannotState() {
        var schema = (ObjectNode) EventCodec.mapper()
                .readTree("{\"type\": \"object\", \"properties\": "
                        + "{\"when\": {\"type\": \"string\", \"dependentRequired\": {}}}}");

        try {
            fields(schema, schema, "", new StringBuilder());
            fail("a keyword the page cannot state was rendered without it");
        } catch (IllegalStateException expected) {
            assertThat(expected).hasMessageContaining("dependentRequired");
        }
    }

    /** The tracker-events module's sibling {@code docs/}, wherever the build runs from. */
    private static Path docs() {
        return Path.of(System.getProperty("basedir", ""))
                .toAbsolutePath()
                .resolve("../docs")
                .normalize();
    }

    static String render() {
        var page = new StringBuilder(resource("/event-catalogue/intro.md"));
        page.append("\n## Types\n\n");
        page.append("| type | version | topic | Kafka key |\n|---|---|---|---|\n");
        for (var type : EventType.values()) {
            page.append("| [`")
                    .append(type.token())
                    .append("`](#")
                    .append(anchor(type.token()))
                    .append(") | ")
                    .append(type.version())
                    .append(" | ")
                    .append(topic(type))
                    .append(" | `")
                    .append(keyField(type))
                    .append("` |\n");
        }
        envelope(page);
        for (var type : EventType.values()) {
            type(page, type);
        }
        return page.toString();
    }

    private static void envelope(StringBuilder page) {
        var schema = EventCodec.mapper().readTree(EventSchemas.envelopeDocument());
        page.append("\n## The envelope\n\n")
                .append(schema.path("description").asString())
                .append("\n\n");
        fields(schema, schema, "", page);
        page.append("\nA whole event as a field app sends it (`outreach.contact-recorded`):\n\n")
                .append(json(EventCodec.mapper().readTree(EventExamples.of(EventType.OUTREACH_CONTACT_RECORDED))));
    }

    private static void type(StringBuilder page, EventType type) {
        var schema = EventCodec.mapper().readTree(EventSchemas.payloadDocument(type));
        var file = type.token() + ".v" + type.version() + ".json";
        page.append("\n## `")
                .append(type.token())
                .append("`\n\n")
                .append(schema.path("description").asString())
                .append("\n\n")
                .append("Version ")
                .append(type.version())
                .append("; topic: ")
                .append(topic(type))
                .append("; Kafka key: `")
                .append(keyField(type))
                .append("`. Schema: `GET /api/v1/schemas/")
                .append(type.token())
                .append("`, [")
                .append(file)
                .append("](")
                .append(SCHEMAS)
                .append(file)
                .append(").\n\n");
        fields(schema, schema, "", page);
        conditions(schema, page);
        page.append("\nExample payload:\n\n")
                .append(json(
                        EventCodec.mapper().readTree(EventExamples.of(type)).path("payload")));
    }

    private static String topic(EventType type) {
        return type.isCorrection() ? "the topic of its `targetType`" : "`" + type.topic() + "`";
    }

    /** The payload field that is the record key, found by the key of the type's example. */
    static String keyField(EventType type) {
        var example = EventCodec.mapper().readTree(EventExamples.of(type));
        var key = EventCodec.read(example).key();
        if (type == EventType.EVENT_AMENDED) {
            // keyed by the subject of the corrected payload, the target's
            return "payload."
                    + keyField(EventType.byToken(
                                    example.path("payload").path("targetType").asString())
                            .orElseThrow());
        }
        var fields = example.path("payload").properties().stream()
                .filter(field -> field.getValue().isString()
                        && field.getValue().asString().equals(key))
                .map(Map.Entry::getKey)
                .toList();
        if (fields.size() != 1) {
            throw new IllegalStateException("the example of " + type.token() + " names its key '" + key + "' in "
                    + fields.size() + " payload fields; make it one");
        }
        return fields.getFirst();
    }

    /** One table of an object's fields, nested objects' fields as {@code parent.child} rows. */
    static void fields(JsonNode root, JsonNode object, String prefix, StringBuilder page) {
        if (prefix.isEmpty()) {
            page.append("| field | | rule | description |\n|---|---|---|---|\n");
        }
        var requiredHere = new ArrayList<String>();
        object.path("required").forEach(name -> requiredHere.add(name.asString()));
        for (var property : object.path("properties").properties()) {
            var schema = resolve(root, property.getValue());
            var name = prefix + property.getKey();
            page.append("| `")
                    .append(name)
                    .append("` | ")
                    .append(requiredHere.contains(property.getKey()) ? "required" : "optional")
                    .append(" | ")
                    .append(cell(rule(root, schema)))
                    .append(" | ")
                    .append(cell(schema.path("description").asString("")))
                    .append(" |\n");
            if (schema.has("properties")) {
                fields(root, schema, name + ".", page);
            }
        }
    }

    /** What a field's schema allows, in words. */
    static String rule(JsonNode root, JsonNode schema) {
        schema.propertyNames().stream()
                .filter(keyword -> !KNOWN.contains(keyword))
                .findFirst()
                .ifPresent(keyword -> {
                    throw new IllegalStateException("the catalogue cannot state the keyword '" + keyword + "'; teach "
                            + "EventCatalogueDocumentTest to");
                });
        var parts = new ArrayList<String>();
        if (schema.has("not")) {
            if (!schema.path("not").isEmpty()) {
                throw new IllegalStateException("the catalogue states only 'not: {}' (must be absent)");
            }
            parts.add("must be absent");
        }
        if (schema.has("const")) {
            parts.add("`" + schema.path("const").asString() + "`");
        }
        if (schema.has("enum")) {
            var values = new ArrayList<String>();
            schema.path("enum").forEach(value -> values.add("`" + value.asString() + "`"));
            parts.add("one of " + String.join(", ", values));
        }
        var type = schema.path("type").asString("");
        if (type.equals("array")) {
            var items = new ArrayList<String>();
            bounds(schema, "minItems", "maxItems", "item", items);
            if (schema.path("uniqueItems").asBoolean(false)) {
                items.add("distinct");
            }
            parts.add("list" + (items.isEmpty() ? "" : " (" + String.join(", ", items) + ")") + " of: "
                    + rule(root, resolve(root, schema.path("items"))));
        } else if (!type.isEmpty()) {
            parts.add(type);
        }
        bounds(schema, "minLength", "maxLength", "character", parts);
        if (schema.has("minimum")) {
            parts.add("≥ " + schema.path("minimum"));
        }
        if (schema.has("exclusiveMinimum")) {
            parts.add("> " + schema.path("exclusiveMinimum"));
        }
        if (schema.has("maximum")) {
            parts.add("≤ " + schema.path("maximum"));
        }
        if (schema.has("exclusiveMaximum")) {
            parts.add("< " + schema.path("exclusiveMaximum"));
        }
        if (schema.has("multipleOf")) {
            parts.add("multiple of " + schema.path("multipleOf"));
        }
        if (schema.has("format")) {
            parts.add("format `" + schema.path("format").asString() + "`");
        }
        if (schema.has("pattern")) {
            parts.add("pattern `" + schema.path("pattern").asString() + "`");
        }
        return parts.isEmpty() ? "any" : String.join(", ", parts);
    }

    private static void bounds(JsonNode schema, String min, String max, String unit, List<String> parts) {
        if (schema.has(min) && schema.has(max)) {
            parts.add(schema.path(min) + " to " + schema.path(max) + " " + unit + "s");
        } else if (schema.has(min)) {
            parts.add("at least " + schema.path(min) + " " + unit
                    + (schema.path(min).asInt() == 1 ? "" : "s"));
        } else if (schema.has(max)) {
            parts.add("at most " + schema.path(max) + " " + unit
                    + (schema.path(max).asInt() == 1 ? "" : "s"));
        }
    }

    /**
     * The schema's conditional rules, as the catalogue's schemas write them: "if P is V, then X is required, else X
     * must be absent".
     */
    private static void conditions(JsonNode schema, StringBuilder page) {
        for (var condition : schema.path("allOf")) {
            var given = condition.path("if").path("properties");
            if (given.size() != 1 || !condition.has("then")) {
                throw new IllegalStateException("the catalogue cannot state this condition: " + condition);
            }
            var field = given.propertyNames().iterator().next();
            page.append("\nWhen `")
                    .append(field)
                    .append("` is `")
                    .append(given.path(field).path("const").asString())
                    .append("`: ")
                    .append(requirement(condition.path("then")));
            if (condition.has("else")) {
                page.append("; otherwise: ").append(requirement(condition.path("else")));
            }
            page.append(".\n");
        }
    }

    private static String requirement(JsonNode clause) {
        if (clause.has("required")) {
            return names(clause.path("required")) + " required";
        }
        if (clause.path("not").has("required") && clause.path("not").size() == 1) {
            return names(clause.path("not").path("required")) + " must be absent";
        }
        throw new IllegalStateException("the catalogue cannot state this clause: " + clause);
    }

    private static String names(JsonNode list) {
        var names = new ArrayList<String>();
        list.forEach(name -> names.add("`" + name.asString() + "`"));
        return String.join(" and ", names);
    }

    /** A field's schema with its local {@code $ref} followed; the field's own keywords (a description) win. */
    static JsonNode resolve(JsonNode root, JsonNode schema) {
        if (!schema.has("$ref")) {
            return schema;
        }
        var ref = schema.path("$ref").asString();
        if (!ref.startsWith("#/")) {
            throw new IllegalStateException("the catalogue follows local references only, not " + ref);
        }
        var resolved = ((ObjectNode) resolve(root, root.at(ref.substring(1)))).deepCopy();
        schema.properties().stream()
                .filter(field -> !field.getKey().equals("$ref"))
                .forEach(field -> resolved.set(field.getKey(), field.getValue()));
        return resolved;
    }

    private static String json(JsonNode node) {
        var text = EventCodec.mapper()
                .writerWithDefaultPrettyPrinter()
                .writeValueAsString(node)
                .replace("\r\n", "\n");
        return "```json\n" + text + "\n```\n";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }

    /** The heading's anchor as GitHub makes it: lower case, without punctuation other than '-' and '_'. */
    static String anchor(String heading) {
        return heading.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 _-]", "").replace(' ', '-');
    }

    private static String resource(String name) {
        try (InputStream in = EventCatalogueDocumentTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where two texts part: the first line that differs, in both. */
    static String firstDifference(String committed, String rendered) {
        var a = committed.split("\n", -1);
        var b = rendered.split("\n", -1);
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            if (!a[i].equals(b[i])) {
                return "line " + (i + 1) + ": committed '" + a[i] + "', rendered '" + b[i] + "'";
            }
        }
        return "the committed file has " + a.length + " lines, the rendered one " + b.length;
    }
}
