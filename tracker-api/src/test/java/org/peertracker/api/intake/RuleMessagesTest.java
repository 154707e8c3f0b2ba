package org.peertracker.api.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.peertracker.events.EventCodec;
import org.peertracker.events.Violation;
import org.peertracker.service.corrections.CorrectionSettings;
import tools.jackson.databind.JsonNode;

/** The intake's rule messages come from the shared catalogue, in Dutch and English alike. */
class RuleMessagesTest {

    final RuleMessages messages =
            new RuleMessages(IntakeDefaults.properties(16), new CorrectionSettings(Duration.ofDays(7)));

    @Test
    void hasEveryRuleOfTheCatalogueInEveryLanguage() throws IOException {
        var english = catalogue("en");
        for (var language : RuleMessages.LANGUAGES) {
            var other = catalogue(language);
            for (var section : List.of("intake", "schema")) {
                assertThat(names(other.path(section)))
                        .as(language + " " + section)
                        .containsExactlyInAnyOrderElementsOf(names(english.path(section)));
            }
        }
    }

    @Test
    void translatesARuleAndFillsInTheSettingsAndTheEventsType() {
        var results = List.of(
                EventResult.rejected(
                        0, "e-1", List.of(new Violation("payload.targetEventId", "correction-window", "x"))),
                EventResult.rejected(1, "e-2", List.of(new Violation("type", "coordinator-only", "x"))),
                EventResult.rejected(2, "e-3", List.of(new Violation("payload.x", "minimum", "moet ..."))));

        var dutch = messages.localise(
                results, Locale.forLanguageTag("nl-BE"), "mainline", List.of("event.voided", "peer.joined", "x"));

        assertThat(dutch.get(0).errors().getFirst().message()).contains("tot 7 dagen na ontvangst");
        assertThat(dutch.get(1).errors().getFirst().message()).contains("peer.joined vastleggen");
        assertThat(dutch.get(2).errors().getFirst().message())
                .as("the validator's own")
                .isEqualTo("moet ...");
        assertThat(dutch)
                .extracting(r -> r.errors().getFirst().rule())
                .containsExactly("correction-window", "coordinator-only", "minimum");
        assertThat(messages.localise(results, Locale.ENGLISH, "mainline", List.of()))
                .isEqualTo(results);
    }

    @Test
    void prefersAMessageForTheRuleAndFieldTogether() {
        var results = List.of(
                EventResult.rejected(0, "e-1", List.of(new Violation("payload.targetType", "coordinator-only", "x"))));

        var dutch = messages.localise(results, Locale.of("nl"), "mainline", List.of("event.voided"));

        assertThat(dutch.getFirst().errors().getFirst().message()).contains("corrigeren");
    }

    private static JsonNode catalogue(String language) throws IOException {
        try (InputStream in = RuleMessagesTest.class.getResourceAsStream("/static/i18n/" + language + "/rules.json")) {
            return EventCodec.mapper().readTree(in);
        }
    }

    private static List<String> names(JsonNode section) {
        var names = new ArrayList<String>();
        section.properties().forEach((Map.Entry<String, JsonNode> e) -> names.add(e.getKey()));
        return names;
    }
}
