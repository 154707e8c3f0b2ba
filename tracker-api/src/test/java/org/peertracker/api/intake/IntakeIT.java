package org.peertracker.api.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;
import static org.peertracker.api.Problems.assertProblem;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.peertracker.api.ApiITSupport;
import org.peertracker.api.Http;
import org.peertracker.events.Event;
import org.peertracker.events.EventCodec;
import org.peertracker.events.EventSchemas;
import org.peertracker.events.EventType;
import org.peertracker.events.SealedText;
import org.peertracker.events.SignalReported;
import org.peertracker.events.Topics;
import org.peertracker.testing.SampleEvents;
import org.peertracker.testing.TestInfrastructure;
import org.peertracker.testing.TestTokens;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

@ExtendWith(OutputCaptureExtension.class)
class IntakeIT extends ApiITSupport {

    static final String RAW_CODE = "ZQXW1985K";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        infrastructure(registry, "intake_it");
        registry.add("tracker.pseudonymisation.secret", () -> "test-secret-" + UUID.randomUUID());
    }

    @Test
    void acceptsAContactAndPublishesItKeyedBySessionOnlyAfterKafkaAcknowledged() {
        var org = org();
        var event = SampleEvents.event(
                org,
                "peer-1",
                Instant.now().minusSeconds(60),
                SampleEvents.anonymousContact("sess-" + org, "oost", 2, true, SampleEvents.syringes(3)));

        var response = http(org).post("/api/v1/orgs/" + org + "/events", EventCodec.write(event));

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.json().path("results").get(0).path("status").asString())
                .isEqualTo("accepted");
        var published = published(org, 1);
        assertThat(published).singleElement().satisfies(record -> {
            assertThat(record.topic()).isEqualTo(Topics.OUTREACH);
            assertThat(record.key()).isEqualTo("sess-" + org);
            var received = EventCodec.read(record.value());
            assertThat(received.eventId()).isEqualTo(event.eventId());
            assertThat(received.receivedAt()).isNotNull();
            assertThat(record.headers().lastHeader("__TypeId__")).isNull();
        });
    }

    @Test
    void carriesTheRequestsTraceOnEveryRecordItPublishesButNoneOfTheCallersOtherTraceHeaders() {
        var org = org();
        var traceId = UUID.randomUUID().toString().replace("-", "");
        var events = List.of(
                SampleEvents.event(
                        org,
                        "peer-1",
                        Instant.now().minusSeconds(60),
                        SampleEvents.anonymousContact("sess-" + org, "oost", 1, false, null)),
                SampleEvents.event(
                        org,
                        "peer-1",
                        Instant.now().minusSeconds(50),
                        SampleEvents.anonymousContact("sess-" + org, "oost", 2, false, null)));

        var response = http(org)
                .postJson(
                        "/api/v1/orgs/" + org + "/events",
                        "[" + EventCodec.write(events.get(0)) + "," + EventCodec.write(events.get(1)) + "]",
                        "traceparent",
                        "00-" + traceId + "-00f067aa0ba902b7-01",
                        "tracestate",
                        "vendor=" + RAW_CODE,
                        "baggage",
                        "client=" + RAW_CODE);

        assertThat(response.status()).isEqualTo(202);
        // the same trace, continued by the request's own span; what else a caller sends along is not kept on the log
        assertThat(published(org, 2)).hasSize(2).allSatisfy(record -> {
            assertThat(header(record, "traceparent")).matches("00-" + traceId + "-[0-9a-f]{16}-01");
            assertThat(record.headers().toArray()).extracting(h -> h.key()).containsOnly("traceparent");
        });
    }

    @Test
    void publishesASignalsTextSealedSoItsWordsReachNeitherKafkaNorTheLog(CapturedOutput output) {
        var org = org();
        var words = "canary words " + UUID.randomUUID();
        var signal = SampleEvents.event(
                org,
                "peer-1",
                Instant.now(),
                new SignalReported("sess-" + org, "new-substance", "west", "high", words));

        assertThat(http(org)
                        .post("/api/v1/orgs/" + org + "/events", "[" + EventCodec.write(signal) + "]")
                        .status())
                .isEqualTo(202);

        assertThat(published(org, 1)).singleElement().satisfies(record -> {
            assertThat(new String(record.value(), StandardCharsets.UTF_8)).doesNotContain(words);
            var text = EventCodec.mapper()
                    .readTree(record.value())
                    .path("payload")
                    .path("text")
                    .asString();
            assertThat(SealedText.parse(text))
                    .hasValueSatisfying(token ->
                            assertThat(token.keyId()).isEqualTo(signal.eventId().toString()));
        });
        assertThat(output.getAll()).doesNotContain(words);
    }

    @Test
    void replacesTheClientCodeByAReferenceSoTheRawCodeReachesNeitherKafkaNorTheLog(CapturedOutput output) {
        var org = org();
        var event = SampleEvents.event(
                org, "peer-1", Instant.now(), SampleEvents.knownContact("sess-" + org, "west", RAW_CODE));
        var lowerCase = SampleEvents.event(
                org, "peer-1", Instant.now(), SampleEvents.knownContact("sess-" + org, "west", RAW_CODE.toLowerCase()));

        var response = http(org)
                .post(
                        "/api/v1/orgs/" + org + "/events",
                        "[" + EventCodec.write(event) + "," + EventCodec.write(lowerCase) + "]");

        assertThat(response.status()).isEqualTo(202);
        var published = published(org, 2);
        assertThat(published).allSatisfy(record -> {
            var json = new String(record.value(), StandardCharsets.UTF_8);
            assertThat(json).doesNotContainIgnoringCase(RAW_CODE).doesNotContain("clientCode");
        });
        var refs = published.stream()
                .map(r -> EventCodec.mapper()
                        .readTree(r.value())
                        .path("payload")
                        .path("clientRef")
                        .asString())
                .toList();
        assertThat(refs)
                .allSatisfy(ref -> assertThat(ref).matches("[0-9a-f]{32}"))
                .containsOnly(refs.get(0));
        assertThat(output.getAll()).doesNotContainIgnoringCase(RAW_CODE);
    }

    @Test
    void publishesTheAcceptedEventsOfAMixedBatchAndNoneOfTheRejected() {
        var org = org();
        var good = contact(org);
        var bad = contactWith(org, "syringes", "-1");

        var response =
                http(org).post("/api/v1/orgs/" + org + "/events", "[" + EventCodec.write(good) + "," + bad + "]");

        assertThat(response.status()).isEqualTo(202);
        var results = response.json().path("results");
        assertThat(results.get(0).path("status").asString()).isEqualTo("accepted");
        assertThat(results.get(1).path("status").asString()).isEqualTo("rejected");
        assertThat(errors(results.get(1))).containsExactly(tuple("payload.materials.syringes", "minimum"));
        assertThat(published(org, 1))
                .extracting(r -> EventCodec.read(r.value()).eventId())
                .containsExactly(good.eventId());
    }

    @Test
    void publishesOnlyTheContractsFieldsSoNoExtraTextOrAddressReachesKafka() {
        var org = org();
        var event = (ObjectNode) EventCodec.mapper()
                .readTree(EventCodec.write(SampleEvents.event(
                        org,
                        "peer-1",
                        Instant.now(),
                        SampleEvents.anonymousContact("sess-" + org, "oost", 1, false, null))));
        event.put("note", "met Jan de Vries, 10.1.2.3");
        ((ObjectNode) event.path("payload")).put("remark", "Jan de Vries");

        var response = http(org).post("/api/v1/orgs/" + org + "/events", event.toString());

        assertThat(response.status()).isEqualTo(202);
        assertThat(published(org, 1))
                .singleElement()
                .satisfies(record -> assertThat(new String(record.value(), StandardCharsets.UTF_8))
                        .doesNotContain("Jan de Vries", "10.1.2.3", "note", "remark"));
    }

    @Test
    void rejectsAnEventOfAnotherOrganisationThanThePath() {
        var org = org();
        var event = SampleEvents.event(
                "someone-else", "peer-1", Instant.now(), SampleEvents.anonymousContact("s", "oost", 1, false, null));

        var response = http(org).post("/api/v1/orgs/" + org + "/events", EventCodec.write(event));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(errors(response.json().path("results").get(0))).containsExactly(tuple("orgId", "matches-path"));
    }

    @Test
    void rejectsAnOccurredAtMoreThanFiveMinutesAhead() {
        var org = org();
        var event = SampleEvents.event(
                org,
                "peer-1",
                Instant.now().plus(Duration.ofMinutes(6)),
                SampleEvents.anonymousContact("s", "oost", 1, false, null));

        var response = http(org).post("/api/v1/orgs/" + org + "/events", EventCodec.write(event));

        assertThat(response.status()).isEqualTo(422);
        assertThat(errors(response.json().path("results").get(0)))
                .containsExactly(tuple("occurredAt", "not-in-future"));
    }

    @Test
    void rejectsAnOccurredAtOlderThanTheMaximumAge() {
        var org = org();
        var old = SampleEvents.event(
                org,
                "peer-1",
                Instant.now().minus(Duration.ofDays(399)),
                SampleEvents.anonymousContact("s", "oost", 1, false, null));
        var tooOld = SampleEvents.event(
                org,
                "peer-1",
                Instant.now().minus(Duration.ofDays(401)),
                SampleEvents.anonymousContact("s", "oost", 1, false, null));

        var response = http(org)
                .post(
                        "/api/v1/orgs/" + org + "/events",
                        "[" + EventCodec.write(old) + "," + EventCodec.write(tooOld) + "]");

        assertThat(response.status()).isEqualTo(202);
        var results = response.json().path("results");
        assertThat(results.get(0).path("status").asString()).isEqualTo("accepted");
        assertThat(errors(results.get(1))).containsExactly(tuple("occurredAt", "max-age"));
        assertThat(results.get(1).path("errors").get(0).path("message").asString())
                .contains("400 days");
    }

    @Test
    void rejectsNumbersOfExtremeMagnitudeOrPrecisionNamingTheFieldAndTakesTheRestOfTheBatch() {
        var org = org();
        var good = contact(org);
        var body = new ArrayList<>(List.of(EventCodec.write(good)));
        var expected = new ArrayList<Tuple>();
        for (var number : List.of("1e308", "-1e308", "1e400", "1234567890123456789012345678901234567890")) {
            body.add(contactWith(org, "groupSize", number));
            expected.add(tuple("payload.groupSize", "number-range"));
        }
        for (var number : List.of("1e-400", "0.1e-320")) {
            body.add(contactWith(org, "syringes", number));
            expected.add(tuple("payload.materials.syringes", "number-format"));
        }
        body.add(contactWith(org, "groupSize", "-0"));
        expected.add(tuple("payload.groupSize", "minimum"));

        var response = http(org).post("/api/v1/orgs/" + org + "/events", "[" + String.join(",", body) + "]");

        assertThat(response.status()).isEqualTo(202);
        var results = response.json().path("results");
        assertThat(results.get(0).path("status").asString()).isEqualTo("accepted");
        for (int i = 1; i < body.size(); i++) {
            assertThat(results.get(i).path("status").asString()).as(body.get(i)).isEqualTo("rejected");
            assertThat(errors(results.get(i))).as(body.get(i)).containsExactly(expected.get(i - 1));
        }
        assertThat(published(org, 1))
                .extracting(r -> EventCodec.read(r.value()).eventId())
                .containsExactly(good.eventId());
    }

    @Test
    void answersAnExponentBeyondAnyNumberWithProblemDetails() {
        var org = org();

        var response = http(org).post("/api/v1/orgs/" + org + "/events", contactWith(org, "groupSize", "1e2147483648"));

        assertProblem(response, 400, null, "number-range");
        assertThat(response.body()).doesNotContain("java.", "BigDecimal");
    }

    @Test
    void answersANumberOfMoreDigitsThanTheReaderTakesWithProblemDetails() {
        var org = org();

        var tooLong = contactWith(org, "groupSize", "9".repeat(1001));

        var response = http(org).post("/api/v1/orgs/" + org + "/events", tooLong);

        assertProblem(response, 400, null, "json-limits");
        assertThat(response.json().path("detail").asString()).contains("1000 digits");
        assertThat(response.body()).doesNotContain("StreamReadConstraints", "tools.jackson");
    }

    @Test
    void answersMalformedJsonWithProblemDetails() {
        var org = org();
        var response = http(org).post("/api/v1/orgs/" + org + "/events", "{\"eventId\": ");

        assertProblem(response, 400, null, "json");
        assertThat(response.body()).doesNotContain("tools.jackson");
    }

    @Test
    void answersABodyThatIsNotJsonWith415() {
        var org = org();
        var response = http(org).post("/api/v1/orgs/" + org + "/events", "text/plain", "hello");

        assertThat(response.status()).isEqualTo(415);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void refusesMoreThan500Events() {
        var org = org();
        var one = EventCodec.write(
                SampleEvents.event(org, "p", Instant.now(), SampleEvents.anonymousContact("s", "a", 1, false, null)));
        var body = "[" + String.join(",", Collections.nCopies(501, one)) + "]";

        var response = http(org).post("/api/v1/orgs/" + org + "/events", body);

        assertProblem(response, 413, null, "max-events");
    }

    @Test
    void servesTheSchemaOfEveryTypeAndOfTheEnvelope() {
        for (var type : EventType.values()) {
            var schema = http().get("/api/v1/schemas/" + type.token());
            assertThat(schema.status()).isEqualTo(200);
            assertThat(schema.contentType()).startsWith("application/schema+json");
            assertThat(schema.json().path("$id").asString()).contains(type.token());
        }
        assertThat(http().get("/api/v1/schemas/envelope")
                        .json()
                        .path("required")
                        .toString())
                .contains("eventId");
        assertThat(http().get("/api/v1/schemas/published/case.opened").json().toString())
                .contains("clientRef", "published");
        assertThat(http().get("/api/v1/schemas/published/envelope")
                        .json()
                        .path("required")
                        .toString())
                .contains("receivedAt", "submittedBy");
        var unknown = http().get("/api/v1/schemas/outreach.hug-given");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("field").asString()).isEqualTo("type");
    }

    @Test
    void documentsTheIntakeInOpenApiWithAnExamplePerType() {
        var docs = http().get("/v3/api-docs");

        assertThat(docs.status()).isEqualTo(200);
        var examples = docs.json()
                .path("paths")
                .path("/api/v1/orgs/{orgId}/events")
                .path("post")
                .path("requestBody")
                .path("content")
                .path("application/json")
                .path("examples");
        assertThat(examples.propertyNames())
                .containsExactlyInAnyOrderElementsOf(
                        Arrays.stream(EventType.values()).map(t -> t.token()).toList());
        assertThat(examples.path("case.opened").path("value").path("payload").has("clientCode"))
                .isTrue();
    }

    /** An anonymous contact with {@code number} written as is in {@code field} of the payload or its materials. */
    private static String contactWith(String org, String field, String number) {
        var event = (ObjectNode) EventCodec.mapper().readTree(EventCodec.write(contact(org)));
        var target = field.equals("groupSize")
                ? event.path("payload")
                : event.path("payload").path("materials");
        ((ObjectNode) target).put(field, "NUMBER");
        return event.toString().replace("\"NUMBER\"", number);
    }

    /** An anonymous contact of peer-1 with a syringe, now. */
    private static Event contact(String org) {
        return SampleEvents.event(
                org,
                "peer-1",
                Instant.now(),
                SampleEvents.anonymousContact("sess-" + org, "oost", 1, false, SampleEvents.syringes(1)));
    }

    private static List<Tuple> errors(JsonNode result) {
        var errors = new ArrayList<Tuple>();
        result.path("errors")
                .forEach(e -> errors.add(
                        tuple(e.path("field").asString(), e.path("rule").asString())));
        return errors;
    }

    /** The records of one organisation on the event topics, awaited until {@code expected} have arrived. */
    static List<ConsumerRecord<String, byte[]>> published(String org, int expected) {
        var found = new ArrayList<ConsumerRecord<String, byte[]>>();
        try (var consumer = TestInfrastructure.consumerFromStart("scan-", new ByteArrayDeserializer())) {
            consumer.subscribe(Topics.EVENT_TOPICS);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    Event event = EventCodec.read(record.value());
                    if (event.orgId().equals(org)) {
                        found.add(record);
                    }
                });
                return found.size() >= expected;
            });
            // anything published beyond what was expected shows up in a last poll
            consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                if (EventCodec.read(record.value()).orgId().equals(org)) {
                    found.add(record);
                }
            });
        }
        // every record as published satisfies the schemas of the published form
        found.forEach(record -> assertThat(
                        EventSchemas.validatePublished(EventCodec.mapper().readTree(record.value())))
                .as(record.topic() + "@" + record.offset())
                .isEmpty());
        return found;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Without a token: the schemas and the OpenAPI document are open. */
    private Http http() {
        return new Http(port);
    }

    /** As a coordinator of {@code org}, who may log for any of its peers. */
    private Http http(String org) {
        return new Http(port).as(TestTokens.shared().coordinator(org));
    }

    private static String org() {
        return "org-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
