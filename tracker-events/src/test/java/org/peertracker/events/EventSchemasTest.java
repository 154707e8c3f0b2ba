package org.peertracker.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.math.BigDecimal;
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

        assertThat(EventSchemas.validate(event)).extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("payload.topics[0]", "enum"));
    }

    @Test
    void readsAContactThatLeavesOutSomeMaterialsAsZeroOfThem() {
        var event = EventCodec.read(contact());

        assertThat(event.payload()).isInstanceOfSatisfying(ContactRecorded.class, contact ->
                assertThat(contact.materials()).isEqualTo(new Materials(10, 0, 0, 0, 0, 0, 0)));
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
        var event = edge(EventType.CASE_OPENED);
        payload(event).put("clientRef", "forged");

        assertThat(EventSchemas.validate(event)).extracting(Violation::field).containsExactly("payload.clientRef");
    }

    @Test
    void rejectsANeedListedTwice() throws IOException {
        var event = edge(EventType.CASE_OPENED);
        payload(event).putArray("needs").add("housing").add("housing");

        assertThat(EventSchemas.validate(event)).extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("payload.needs", "uniqueItems"));
    }

    @Test
    void rejectsAPeerWhoJoinsWithoutARole() throws IOException {
        var event = edge(EventType.PEER_JOINED);
        payload(event).putArray("roles");

        assertThat(EventSchemas.validate(event)).extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("payload.roles", "minItems"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.25", "2.75", "24"})
    void acceptsInvolvementInQuarterHours(String hours) throws IOException {
        var event = edge(EventType.PEER_INVOLVEMENT_RECORDED);
        payload(event).put("hours", new BigDecimal(hours).doubleValue());

        assertThat(EventSchemas.validate(event)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "2.3", "24.25"})
    void rejectsInvolvementThatIsNotAPositiveNumberOfQuarterHoursUpToADay(String hours) throws IOException {
        var event = edge(EventType.PEER_INVOLVEMENT_RECORDED);
        payload(event).put("hours", new BigDecimal(hours).doubleValue());

        assertThat(EventSchemas.validate(event)).extracting(Violation::field).containsExactly("payload.hours");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.01", "12.35", "19.99", "10000"})
    void acceptsAmountsInWholeCents(String amount) throws IOException {
        var event = edge(EventType.PEER_COMPENSATION_PAID);
        payload(event).put("amount", new BigDecimal(amount).doubleValue());

        assertThat(EventSchemas.validate(event)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "12.345", "10000.01"})
    void rejectsAmountsThatAreNotPositiveWholeCentsUpToTheCap(String amount) throws IOException {
        var event = edge(EventType.PEER_COMPENSATION_PAID);
        payload(event).put("amount", new BigDecimal(amount).doubleValue());

        assertThat(EventSchemas.validate(event)).extracting(Violation::field).containsExactly("payload.amount");
    }

    @ParameterizedTest
    @ValueSource(strings = {"'s-Hertogenbosch", "Den Haag", "Bergen op Zoom", "Curaçao", "Łódź", "Zoeterwoude-Rijndijk"})
    void acceptsCityNamesAsWrittenLocally(String city) throws IOException {
        var event = edge(EventType.CAMPAIGN_ACTION_RECORDED);
        payload(event).put("city", city);

        assertThat(EventSchemas.validate(event)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " Utrecht", "1012 AB Amsterdam", "Utrecht!", "-"})
    void rejectsACityThatIsNotAName(String city) throws IOException {
        var event = edge(EventType.CAMPAIGN_ACTION_RECORDED);
        payload(event).put("city", city);

        assertThat(EventSchemas.validate(event)).extracting(Violation::field).containsOnly("payload.city");
    }

    @Test
    void capsTheFreeTextOfASignalAt280Characters() throws IOException {
        var event = edge(EventType.OUTREACH_SIGNAL_REPORTED);
        payload(event).put("text", "x".repeat(280));
        assertThat(EventSchemas.validate(event)).isEmpty();

        payload(event).put("text", "x".repeat(281));
        assertThat(EventSchemas.validate(event)).extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("payload.text", "maxLength"));
    }

    @Test
    void rejectsACampaignStartThatIsNotADate() throws IOException {
        var event = edge(EventType.CAMPAIGN_LAUNCHED);
        payload(event).put("startsOn", "1 March 2026");

        assertThat(EventSchemas.validate(event)).extracting(Violation::field).contains("payload.startsOn");
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

    @Test
    void rejectsAVersionBeyondTheIntRange() {
        var event = contact();
        event.put("version", 7_495_673_310_717_993_187L);

        assertThat(EventSchemas.validate(event)).extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("version", "supported-version"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EventCodec.read(event))
                .isInstanceOf(EventFormatException.class);
    }

    static ObjectNode contact() {
        JsonNode tree = EventCodec.mapper().readTree("""
                {"eventId":"0b7e4a8e-5a55-4c1c-9b0e-4a3c2f1d0e9a","type":"outreach.contact-recorded","version":1,
                 "orgId":"mainline","peerId":"peer-1","occurredAt":"2026-11-20T21:14:00Z",
                 "payload":{"sessionId":"s-1","area":"oost","anonymous":true,"groupSize":1,
                            "materials":{"syringes":10}}}
                """);
        return (ObjectNode) tree;
    }
}
