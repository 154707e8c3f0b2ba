package org.peertracker.api.field;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peertracker.api.MessageCatalogues.catalogue;
import static org.peertracker.api.MessageCatalogues.keys;
import static org.peertracker.api.MessageCatalogues.read;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The field app's message catalogue: Dutch and English hold the same keys, and every coded value the app offers (the
 * enums of the schemas its forms are drawn from) has a label in both.
 */
class FieldCatalogueTest {

    /** A list of codes in the catalogue and the schema fields whose values it labels. */
    static final Map<String, String[]> LISTS = Map.ofEntries(
            Map.entry("siteType", new String[] {"outreach.session-started/siteType"}),
            Map.entry("topic", new String[] {"outreach.contact-recorded/topics", "case.contact-logged/topics"}),
            Map.entry("signalKind", new String[] {"outreach.signal-reported/kind"}),
            Map.entry("severity", new String[] {"outreach.signal-reported/severity"}),
            Map.entry("need", new String[] {"case.opened/needs"}),
            Map.entry("referredBy", new String[] {"case.opened/referredBy"}),
            Map.entry("mode", new String[] {"case.contact-logged/mode"}),
            Map.entry("service", new String[] {"case.referral-made/service"}),
            Map.entry("referralOutcome", new String[] {"case.referral-closed/outcome"}),
            Map.entry("caseOutcome", new String[] {"case.closed/outcome"}),
            Map.entry("role", new String[] {"peer.involvement-recorded/role"}),
            Map.entry("level", new String[] {"peer.involvement-recorded/level"}),
            Map.entry("reason", new String[] {"event.voided/reason", "event.amended/reason"}),
            Map.entry("material", new String[] {"outreach.contact-recorded/materials"}));

    @Test
    void holdsTheSameKeysInDutchAndEnglish() throws IOException {
        assertThat(keys(catalogue("nl"), "")).isEqualTo(keys(catalogue("en"), ""));
    }

    @Test
    void labelsEveryCodedValueTheFormsOffer() throws IOException {
        for (var language : new String[] {"en", "nl"}) {
            var codes = catalogue(language).path("codes");
            for (var list : LISTS.entrySet()) {
                for (var field : list.getValue()) {
                    var type = field.substring(0, field.indexOf('/'));
                    for (var value : values(schema(type), field.substring(field.indexOf('/') + 1))) {
                        assertThat(codes.path(list.getKey()).path(value).isString())
                                .as("%s: codes.%s.%s (%s)", language, list.getKey(), value, field)
                                .isTrue();
                    }
                }
            }
        }
    }

    private static Set<String> values(JsonNode schema, String field) {
        var node = schema.path("properties").path(field);
        if (node.has("$ref")) {
            node = schema.at(node.path("$ref").asString().substring(1));
        }
        var values = new TreeSet<String>();
        var listed = node.has("enum") ? node.path("enum") : node.path("items").path("enum");
        listed.forEach(value -> values.add(value.asString()));
        node.path("properties").propertyNames().forEach(values::add);
        assertThat(values).as(field).isNotEmpty();
        return values;
    }

    private static JsonNode schema(String type) throws IOException {
        return read("org/peertracker/events/schemas/" + type + ".v1.json");
    }
}
