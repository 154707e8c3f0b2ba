package org.peertracker.api.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peertracker.api.ApiITSupport;
import org.peertracker.api.Http;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI document as served, read as a client generator would: every operation with a summary, its error
 * answers as problem details, and the read endpoints' answers as records, not free-form maps.
 */
class OpenApiDocumentIT extends ApiITSupport {

    static final String ORG_PATHS = "/api/v1/orgs/";
    static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    JsonNode document;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        infrastructure(registry, "openapi_it");
    }

    @BeforeEach
    void read() {
        var response = new Http(port).get("/v3/api-docs");
        assertThat(response.status()).isEqualTo(200);
        document = response.json();
    }

    /** An operation of the document: its path, method and node. */
    record Op(String path, String method, JsonNode node) {

        @Override
        public String toString() {
            return method.toUpperCase() + " " + path;
        }

        boolean takes(String in) {
            return node.path("parameters")
                    .valueStream()
                    .anyMatch(p -> p.path("in").asString().equals(in));
        }

        boolean namesSomething() {
            return node.path("parameters")
                    .valueStream()
                    .anyMatch(p -> p.path("in").asString().equals("path")
                            && !p.path("name").asString().equals("orgId"));
        }

        JsonNode response(String status) {
            return node.path("responses").path(status);
        }
    }

    @Test
    void documentsEveryOperationTheApiServes() {
        assertThat(operations())
                .extracting(Op::toString)
                .contains(
                        "POST /api/v1/orgs/{orgId}/events",
                        "GET /api/v1/orgs/{orgId}/outreach/sessions",
                        "GET /api/v1/orgs/{orgId}/outreach/clients-reached",
                        "GET /api/v1/orgs/{orgId}/peers/{peerId}",
                        "GET /api/v1/orgs/{orgId}/activity",
                        "GET /api/v1/orgs/{orgId}/live",
                        "GET /api/v1/schemas/{type}",
                        "GET /api/v1/schemas/published/{type}",
                        "POST /api/v1/orgs/{orgId}/erasures");
    }

    @Test
    void documentsEverySchemaOperationAsAnsweringAJsonSchemaDocument() {
        assertThat(operations().stream().filter(op -> op.path().startsWith("/api/v1/schemas")))
                .hasSize(4)
                .allSatisfy(op -> assertThat(op.response("200").path("content").propertyNames())
                        .as(op.toString())
                        .containsExactly("application/schema+json"));
    }

    @Test
    void givesEveryOperationASummary() {
        assertThat(operations())
                .allSatisfy(op -> assertThat(op.node().path("summary").asString(""))
                        .as(op.toString())
                        .isNotBlank());
    }

    @Test
    void documents401And403WhereATokenIsNeededAndNoTokenElsewhere() {
        var global = document.path("security");
        assertThat(operations()).allSatisfy(op -> {
            var security = op.node().has("security") ? op.node().path("security") : global;
            if (op.path().startsWith(ORG_PATHS)) {
                assertThat(security.isEmpty()).as(op + " needs a token").isFalse();
                assertThat(op.response("401").isMissingNode())
                        .as(op + " documents 401")
                        .isFalse();
                assertThat(op.response("403").isMissingNode())
                        .as(op + " documents 403")
                        .isFalse();
            } else {
                assertThat(security.isEmpty()).as(op + " needs no token").isTrue();
            }
        });
    }

    @Test
    void documents400WhereItTakesParametersOrABodyAnd404WhereItTakesAnId() {
        assertThat(operations()).allSatisfy(op -> {
            if (op.takes("query") || op.node().has("requestBody")) {
                assertThat(op.response("400").isMissingNode())
                        .as(op + " documents 400")
                        .isFalse();
            }
            if (op.namesSomething()) {
                assertThat(op.response("404").isMissingNode())
                        .as(op + " documents 404")
                        .isFalse();
            }
        });
    }

    @Test
    void documentsTheIntakesAndTheLiveStreamsOwnAnswers() {
        var intake = operation("post", "/api/v1/orgs/{orgId}/events");
        var live = operation("get", "/api/v1/orgs/{orgId}/live");

        assertThat(intake.node().path("responses").propertyNames())
                .contains("202", "400", "401", "403", "413", "415", "422", "503");
        assertThat(problemSchema(intake.response("422"))).isEqualTo("IntakeProblem");
        assertThat(problemSchema(intake.response("503"))).isEqualTo("IntakeProblem");
        assertThat(live.node().path("responses").propertyNames()).contains("200", "401", "403", "429");
        assertThat(live.response("429").path("headers").has("Retry-After")).isTrue();
    }

    @Test
    void describesEveryErrorAnswerAsProblemDetails() {
        var problem =
                document.path("components").path("schemas").path("Problem").path("properties");
        assertThat(problem.propertyNames()).contains("type", "title", "status", "detail", "instance", "field", "rule");
        var intakeProblem = document.path("components").path("schemas").path("IntakeProblem");
        assertThat(intakeProblem.path("allOf").get(1).path("properties").propertyNames())
                .contains("summary", "results");
        assertThat(operations())
                .allSatisfy(op -> op.node().path("responses").properties().forEach(answer -> {
                    if (answer.getKey().startsWith("4") || answer.getKey().startsWith("5")) {
                        assertThat(problemSchema(answer.getValue()))
                                .as(op + " " + answer.getKey())
                                .isIn("Problem", "IntakeProblem");
                    }
                    if (answer.getKey().equals("503") || answer.getKey().equals("429")) {
                        assertThat(answer.getValue().path("headers").has("Retry-After"))
                                .as(op + " " + answer.getKey())
                                .isTrue();
                    }
                }));
    }

    @Test
    void describesTheAnswersOfTheReadEndpointsAsRecordsNotFreeFormMaps() {
        var reads = operations().stream()
                .filter(op -> op.method().equals("get")
                        && op.path().startsWith(ORG_PATHS)
                        && !op.path().endsWith("/live")
                        // a file, not JSON: its own test below
                        && !op.path().contains("/exports/"))
                .toList();

        assertThat(reads).hasSizeGreaterThanOrEqualTo(14).allSatisfy(op -> {
            var schema = resolve(
                    op.response("200").path("content").path("application/json").path("schema"));
            assertThat(schema.path("properties").isEmpty())
                    .as(op + " answers a record")
                    .isFalse();
            var items = schema.path("properties").path("items");
            if (!items.isMissingNode()) {
                assertThat(resolve(items.path("items")).path("properties").isEmpty())
                        .as(op + " pages records")
                        .isFalse();
            }
        });
        assertThat(document.path("components").path("schemas").propertyNames())
                .noneMatch(name -> name.contains("MapStringObject"));
    }

    @Test
    void describesAnExportAsACsvFileItsCapAndTheFeedsPageAndCursor() {
        var export = operations().stream()
                .filter(op -> op.path().endsWith("/exports/{view}"))
                .findFirst()
                .orElseThrow();
        var feed = operations().stream()
                .filter(op -> op.path().endsWith("/feed"))
                .findFirst()
                .orElseThrow();

        assertThat(export.response("200").path("content").propertyNames()).containsExactly("text/csv");
        assertThat(export.response("422").path("description").asString()).contains("max-rows");
        assertThat(export.response("404").isMissingNode()).isFalse();
        var view = export.node()
                .path("parameters")
                .valueStream()
                .filter(p -> p.path("name").asString().equals("view"))
                .findFirst()
                .orElseThrow();
        assertThat(resolve(view.path("schema")).path("enum").valueStream().map(JsonNode::asString))
                .containsExactly(
                        "cases",
                        "caseload",
                        "referrals",
                        "outreach-daily",
                        "outreach-sessions",
                        "outreach-signals",
                        "clients-reached",
                        "campaigns",
                        "peers",
                        "involvement-monthly",
                        "activity");
        var page = resolve(
                feed.response("200").path("content").path("application/json").path("schema"));
        assertThat(page.path("properties").propertyNames()).contains("events", "next");
        assertThat(feed.response("429").path("headers").has("Retry-After")).isTrue();
        assertThat(feed.node().path("description").asString())
                .as("how to consume the events either way")
                .contains("tracker.outreach.v1", "consumer group", "at least once", "each `eventId`");
    }

    private List<Op> operations() {
        var operations = new ArrayList<Op>();
        document.path("paths")
                .properties()
                .forEach(path -> path.getValue().properties().forEach(method -> {
                    if (METHODS.contains(method.getKey())) {
                        operations.add(new Op(path.getKey(), method.getKey(), method.getValue()));
                    }
                }));
        return operations;
    }

    private Op operation(String method, String path) {
        return new Op(path, method, document.path("paths").path(path).path(method));
    }

    /** The name of the schema of a problem answer, if it is served as application/problem+json. */
    private static String problemSchema(JsonNode answer) {
        var ref = answer.path("content")
                .path("application/problem+json")
                .path("schema")
                .path("$ref")
                .asString("");
        return ref.substring(ref.lastIndexOf('/') + 1);
    }

    private JsonNode resolve(JsonNode schema) {
        var ref = schema.path("$ref").asString("");
        return ref.isEmpty() ? schema : document.at(ref.substring(1));
    }
}
