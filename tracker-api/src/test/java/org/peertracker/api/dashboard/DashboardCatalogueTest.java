package org.peertracker.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peertracker.api.MessageCatalogues.catalogue;
import static org.peertracker.api.MessageCatalogues.keys;
import static org.peertracker.api.MessageCatalogues.read;
import static org.peertracker.api.MessageCatalogues.text;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The dashboard's texts in the message catalogue it shares with the field app: every key the page and its scripts
 * name is there in English and in Dutch, every key of the catalogue's {@code dashboard} section is used, and every
 * coded value it labels from a list of its own has a label in both.
 */
class DashboardCatalogueTest {

    static final String[] LANGUAGES = {"en", "nl"};
    static final String[] SCRIPTS = {
        "dashboard.js", "format.js", "charts.js", "token.js", "live.js", "catalogue.js", "i18n.js"
    };

    /** {@code data-i18n="key"}, and the keys of {@code data-i18n-attributes="name=key;name=key"}. */
    static final Pattern HTML_KEY = Pattern.compile("data-i18n=\"([^\"]+)\"");

    static final Pattern HTML_ATTRIBUTE_KEYS = Pattern.compile("data-i18n-attributes=\"([^\"]+)\"");
    /** A key as a string literal of a script: the dashboard's own texts and the catalogue's coded values. */
    static final Pattern SCRIPT_KEY = Pattern.compile("['`]((?:dashboard|codes)\\.[A-Za-z0-9_.-]+)['`]");
    /** A coded value labelled from a list of the catalogue: {@code label('service', ...)}. */
    static final Pattern CODE_LIST = Pattern.compile("label\\('([A-Za-z]+)'");

    /** The lists only the dashboard labels, and the schema fields whose values they label. */
    static final Map<String, String> DASHBOARD_LISTS = Map.of(
            "actionKind", "campaign.action-recorded/kind",
            "outcomeLevel", "campaign.outcome-recorded/level",
            "setting", "peer.joined/setting");

    @Test
    void holdsEveryKeyThePageAndItsScriptsNameInEnglishAndDutch() throws IOException {
        var used = usedKeys();
        assertThat(used).hasSizeGreaterThan(150);

        for (var language : LANGUAGES) {
            var catalogue = catalogue(language);
            assertThat(used)
                    .as("keys missing from the %s catalogue", language)
                    .allSatisfy(key -> assertThat(at(catalogue, key).isString())
                            .as("%s: %s", language, key)
                            .isTrue());
        }
    }

    @Test
    void usesEveryKeyOfItsSectionOfTheCatalogue() throws IOException {
        var used = usedKeys();

        for (var language : LANGUAGES) {
            assertThat(keys(catalogue(language).path("dashboard"), "dashboard."))
                    .as("keys of the %s dashboard section no page or script names", language)
                    .isSubsetOf(used);
        }
    }

    @Test
    void labelsEveryCodedValueOfTheListsItNamesInBothLanguages() throws IOException {
        var lists = new TreeSet<String>();
        for (var script : SCRIPTS) {
            CODE_LIST.matcher(text("static/assets/" + script)).results().forEach(m -> lists.add(m.group(1)));
        }
        assertThat(lists).contains("service", "material", "actionKind", "setting");

        for (var language : LANGUAGES) {
            var codes = catalogue(language).path("codes");
            assertThat(lists)
                    .allSatisfy(list -> assertThat(codes.path(list).isObject())
                            .as("%s: codes.%s", language, list)
                            .isTrue());
            for (var list : DASHBOARD_LISTS.entrySet()) {
                var type = list.getValue().substring(0, list.getValue().indexOf('/'));
                var field = list.getValue().substring(list.getValue().indexOf('/') + 1);
                read("org/peertracker/events/schemas/" + type + ".v1.json")
                        .path("properties")
                        .path(field)
                        .path("enum")
                        .forEach(value -> assertThat(codes.path(list.getKey())
                                        .path(value.asString())
                                        .isString())
                                .as("%s: codes.%s.%s", language, list.getKey(), value.asString())
                                .isTrue());
            }
        }
    }

    /** The keys the page and its scripts name. */
    private static Set<String> usedKeys() throws IOException {
        var keys = new TreeSet<String>();
        var page = text("static/index.html");
        HTML_KEY.matcher(page).results().forEach(m -> keys.add(m.group(1)));
        HTML_ATTRIBUTE_KEYS.matcher(page).results().forEach(m -> {
            for (var pair : m.group(1).split(";")) {
                keys.add(pair.substring(pair.indexOf('=') + 1).trim());
            }
        });
        for (var script : SCRIPTS) {
            SCRIPT_KEY.matcher(text("static/assets/" + script)).results().forEach(m -> keys.add(m.group(1)));
        }
        return keys;
    }

    /** The node at a dotted key: the names the dashboard uses hold no dots. */
    private static JsonNode at(JsonNode catalogue, String key) {
        var node = catalogue;
        for (var part : key.split("\\.")) {
            node = node.path(part);
        }
        return node;
    }
}
