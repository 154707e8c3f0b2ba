package org.peertracker.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class EventSchemasTest {

    @Test
    void namesTheFieldAndTheRuleOfEachViolation() {
        var event = contact();
        ((ObjectNode) event.path("payload")).put("groupSize", 0);
        ((ObjectNode) event.path("payload").path("materials")).put("syringes", -3);
        event.remove("eventId");

        assertThat(EventSchemas.validate(event))
                .extracting(Violation::field, Violation::rule)
                .containsExactlyInAnyOrder(
                        tuple("eventId", "required"),
                        tuple("payload.groupSize", "minimum"),
                        tuple("payload.materials.syringes", "minimum"));
    }

    @Test
    void checksAnAmendmentsCorrectedPayloadAgainstTheSchemaOfTheTargetsType() throws Exception {
        var amendment = (ObjectNode) EventCodec.mapper().readTree(EventExamples.of(EventType.EVENT_AMENDED));
        ((ObjectNode) amendment.path("payload").path("payload")).put("groupSize", 0);

        assertThat(EventSchemas.validate(amendment))
                .extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("payload.payload.groupSize", "minimum"));
    }

    @Test
    void refusesACorrectionOfACorrectionOrOfAnUnknownType() throws Exception {
        var voiding = (ObjectNode) EventCodec.mapper().readTree(EventExamples.of(EventType.EVENT_VOIDED));
        ((ObjectNode) voiding.path("payload")).put("targetType", "event.voided");
        var unknown = (ObjectNode) EventCodec.mapper().readTree(EventExamples.of(EventType.EVENT_VOIDED));
        ((ObjectNode) unknown.path("payload")).put("targetType", "outreach.hug-given");

        assertThat(EventSchemas.validate(voiding)).extracting(Violation::field).containsExactly("payload.targetType");
        assertThat(EventSchemas.validate(unknown)).extracting(Violation::field).containsExactly("payload.targetType");
    }

    @Test
    void rejectsAContactThatIsNeitherAnonymousNorCarriesAClientCode() {
        var event = contact();
        ((ObjectNode) event.path("payload")).put("anonymous", false);

        assertThat(EventSchemas.validate(event))
                .extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("payload.clientCode", "required"));
    }

    @Test
    void rejectsAClientRefSentByAClient() {
        var event = contact();
        ((ObjectNode) event.path("payload")).put("clientRef", "forged");

        assertThat(EventSchemas.validate(event)).extracting(Violation::field).containsExactly("payload.clientRef");
    }

    @Test
    void rejectsAnUnknownType() {
        var event = contact();
        event.put("type", "outreach.hug-given");

        assertThat(EventSchemas.validate(event))
                .extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("type", "catalogue"));
    }

    @Test
    void rejectsATopicOutsideTheCatalogue() {
        var event = contact();
        ((ObjectNode) event.path("payload")).putArray("topics").add("gossip");

        assertThat(EventSchemas.validate(event))
                .extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("payload.topics[0]", "enum"));
    }

    @Test
    void readsAContactThatLeavesOutSomeMaterialsAsZeroOfThem() {
        var event = EventCodec.read(contact());

        assertThat(event.payload())
                .isInstanceOfSatisfying(
                        ContactRecorded.class,
                        contact -> assertThat(contact.materials()).isEqualTo(new Materials(10, 0, 0, 0, 0, 0, 0)));
    }

    @Test
    void requiresAClientCodeToOpenACase() throws IOException {
        var event = edge(EventType.CASE_OPENED);
        payload(event).remove("clientCode");

        assertThat(EventSchemas.validate(event))
                .extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("payload.clientCode", "required"));
    }

    @Test
    void rejectsAClientRefSentWithANewCase() throws IOException {
        assertThat(violationsWith(EventType.CASE_OPENED, "clientRef", "forged"))
                .extracting(Violation::field)
                .containsExactly("payload.clientRef");
    }

    @Test
    void rejectsANeedListedTwice() throws IOException {
        var event = edge(EventType.CASE_OPENED);
        payload(event).putArray("needs").add("housing").add("housing");

        assertThat(EventSchemas.validate(event))
                .extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("payload.needs", "uniqueItems"));
    }

    @Test
    void rejectsAPeerWhoJoinsWithoutARole() throws IOException {
        var event = edge(EventType.PEER_JOINED);
        payload(event).putArray("roles");

        assertThat(EventSchemas.validate(event))
                .extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("payload.roles", "minItems"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.25", "2.75", "24"})
    void acceptsInvolvementInQuarterHours(String hours) throws IOException {
        assertThat(violationsWith(EventType.PEER_INVOLVEMENT_RECORDED, "hours", new BigDecimal(hours).doubleValue()))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "2.3", "24.25"})
    void rejectsInvolvementThatIsNotAPositiveNumberOfQuarterHoursUpToADay(String hours) throws IOException {
        assertThat(violationsWith(EventType.PEER_INVOLVEMENT_RECORDED, "hours", new BigDecimal(hours).doubleValue()))
                .extracting(Violation::field)
                .containsExactly("payload.hours");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.01", "12.35", "19.99", "10000"})
    void acceptsAmountsInWholeCents(String amount) throws IOException {
        assertThat(violationsWith(EventType.PEER_COMPENSATION_PAID, "amount", new BigDecimal(amount).doubleValue()))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "12.345", "10000.01"})
    void rejectsAmountsThatAreNotPositiveWholeCentsUpToTheCap(String amount) throws IOException {
        assertThat(violationsWith(EventType.PEER_COMPENSATION_PAID, "amount", new BigDecimal(amount).doubleValue()))
                .extracting(Violation::field)
                .containsExactly("payload.amount");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"'s-Hertogenbosch", "Den Haag", "Bergen op Zoom", "Curaçao", "Łódź", "Zoeterwoude-Rijndijk"})
    void acceptsCityNamesAsWrittenLocally(String city) throws IOException {
        assertThat(violationsWith(EventType.CAMPAIGN_ACTION_RECORDED, "city", city))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " Utrecht", "1012 AB Amsterdam", "Utrecht!", "-"})
    void rejectsACityThatIsNotAName(String city) throws IOException {
        assertThat(violationsWith(EventType.CAMPAIGN_ACTION_RECORDED, "city", city))
                .extracting(Violation::field)
                .containsOnly("payload.city");
    }

    @Test
    void capsTheFreeTextOfASignalAt280Characters() throws IOException {
        var event = edge(EventType.OUTREACH_SIGNAL_REPORTED);
        payload(event).put("text", "x".repeat(280));
        assertThat(EventSchemas.validate(event)).isEmpty();

        payload(event).put("text", "x".repeat(281));
        assertThat(EventSchemas.validate(event))
                .extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("payload.text", "maxLength"));
    }

    @Test
    void rejectsACampaignStartThatIsNotADate() throws IOException {
        assertThat(violationsWith(EventType.CAMPAIGN_LAUNCHED, "startsOn", "1 March 2026"))
                .extracting(Violation::field)
                .contains("payload.startsOn");
    }

    /** A golden sample as a field app would send it: a client code where the published form has a clientRef. */
    static ObjectNode edge(EventType type) throws IOException {
        var event = (ObjectNode) EventCodec.mapper().readTree(EventCodecTest.golden(type));
        event.remove("receivedAt");
        if (payload(event).remove("clientRef") != null) {
            payload(event).put("clientCode", "ABCD1970M");
        }
        return event;
    }

    private static ObjectNode payload(ObjectNode event) {
        return (ObjectNode) event.path("payload");
    }

    /** What the schemas say of {@link #edge}'s event of this type with one payload field set to this value. */
    private static List<Violation> violationsWith(EventType type, String field, Object value) throws IOException {
        var event = edge(type);
        payload(event).set(field, EventCodec.mapper().valueToTree(value));
        return EventSchemas.validate(event);
    }

    @Test
    void rejectsAVersionBeyondTheIntRange() {
        var event = contact();
        event.put("version", 7_495_673_310L);

        assertThat(EventSchemas.validate(event))
                .extracting(Violation::field, Violation::rule)
                .containsExactlyInAnyOrder(tuple("version", "maximum"), tuple("version", "supported-version"));
        assertThatThrownBy(() -> EventCodec.read(event)).isInstanceOf(EventFormatException.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "1e308",
                "-1e308",
                "1e400",
                "-1e400",
                "1234567890123456789012345678901234567890",
                "-9223372036854775809",
                "9.3e18",
                "1000000000000000001"
            })
    void namesANumberBeyondAnyRangeBeforeTheValidatorSeesIt(String number) {
        var event = contactWith("groupSize", number);

        assertThat(EventSchemas.validate(event))
                .extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("payload.groupSize", "number-range"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e-400", "0.1e-320", "-1e-16", "0.0000000000000001", "1e-999999999"})
    void namesANumberWithMoreDecimalsThanAnyFieldHas(String number) {
        var event = contactWith("syringes", number);

        assertThat(EventSchemas.validate(event))
                .extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("payload.materials.syringes", "number-format"));
    }

    @Test
    void namesTheNumbersADoubleCouldNotHoldWhenTheEventWasReadWithDoubles() {
        var event = contact();
        ((ObjectNode) event.path("payload")).put("groupSize", Double.POSITIVE_INFINITY);
        event.put("deviceSeq", 1e-321);

        assertThat(EventSchemas.validate(event))
                .extracting(Violation::field, Violation::rule)
                .containsExactlyInAnyOrder(
                        tuple("payload.groupSize", "number-range"), tuple("deviceSeq", "number-format"));
    }

    @Test
    void readsMinusZeroAsZero() {
        var zeroSyringes = contactWith("syringes", "-0");
        var zeroGroup = contactWith("groupSize", "-0");

        assertThat(EventSchemas.validate(zeroSyringes)).isEmpty();
        assertThat(EventSchemas.validate(zeroGroup))
                .extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("payload.groupSize", "minimum"));
    }

    @Test
    void keepsNumbersWithinTheBoundsForTheSchemas() {
        var event = (ObjectNode) contactWith("groupSize", "1000000000000000000");
        var materials = (ObjectNode) event.path("payload").path("materials");
        materials.put("syringes", new BigDecimal("1.000000000000000000000"));

        assertThat(EventSchemas.validate(event))
                .extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("payload.groupSize", "maximum"));
    }

    @Test
    void makesAValidatorThatThrowsAViolationOfTheEvent() {
        // the guard keeps such numbers from the validator; this is the net beneath it
        var event = contactWith("groupSize", "1e308");

        assertThat(EventSchemas.againstSchemas(event))
                .extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("(event)", "schema-check"));
    }

    @Test
    void givesEveryNumberOfEverySchemaAMaximumWithinTheGuardsBound() {
        var documents = new ArrayList<>(List.of(EventSchemas.envelopeDocument()));
        for (var type : EventType.values()) {
            documents.add(EventSchemas.payloadDocument(type));
        }
        for (var document : documents) {
            var schema = EventCodec.mapper().readTree(document);
            var numbers = new ArrayList<JsonNode>();
            numbersOf(schema, numbers);
            assertThat(numbers).allSatisfy(number -> {
                assertThat(number.has("maximum"))
                        .as("%s in %s", number, schema.path("title").asString())
                        .isTrue();
                assertThat(number.path("maximum").decimalValue()).isLessThan(NumberGuard.LARGEST);
            });
        }
    }

    private static void numbersOf(JsonNode schema, List<JsonNode> numbers) {
        if (schema.isObject()
                && (schema.path("type").asString("").equals("integer")
                        || schema.path("type").asString("").equals("number"))) {
            numbers.add(schema);
        }
        schema.forEach(child -> numbersOf(child, numbers));
    }

    /** The contact of {@link #contact()} with one number replaced, as text so that any literal can be written. */
    private static JsonNode contactWith(String field, String number) {
        var original = "\"" + field + "\":" + (field.equals("groupSize") ? "1" : "10");
        assertThat(CONTACT).contains(original);
        return EventCodec.exactReader().readTree(CONTACT.replace(original, "\"" + field + "\":" + number));
    }

    static final String CONTACT = """
            {"eventId":"0b7e4a8e-5a55-4c1c-9b0e-4a3c2f1d0e9a","type":"outreach.contact-recorded","version":1,
             "orgId":"mainline","peerId":"peer-1","occurredAt":"2026-11-20T21:14:00Z",
             "payload":{"sessionId":"s-1","area":"oost","anonymous":true,"groupSize":1,
                        "materials":{"syringes":10}}}
            """;

    static ObjectNode contact() {
        return (ObjectNode) EventCodec.mapper().readTree(CONTACT);
    }
}
