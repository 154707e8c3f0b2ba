package org.peertracker.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import org.junit.jupiter.api.Test;
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
