package org.peertracker.api.intake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.peertracker.events.EventCodec;
import org.peertracker.events.Violation;
import org.peertracker.service.corrections.CorrectionSettings;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The intake's own rules' messages in the caller's language, from the message catalogue the browser apps share
 * ({@code static/i18n/<language>/rules.json}, section {@code intake}: a message per rule, or per rule and field as
 * {@code rule@field}). English is the code's own; a rule the catalogue lacks keeps it. The schemas' messages come in
 * the language from the validator itself ({@code EventSchemas.validate(event, locale)}); the rule names never change.
 */
@Component
class RuleMessages {

    /** The languages the intake answers in besides English. */
    static final List<String> LANGUAGES = List.of("nl");

    private final Map<String, Map<String, String>> byLanguage = new HashMap<>();
    private final Map<String, String> settings;

    RuleMessages(IntakeProperties intake, CorrectionSettings corrections) {
        for (var language : LANGUAGES) {
            byLanguage.put(language, catalogue(language));
        }
        this.settings = Map.of(
                "days", String.valueOf(corrections.window().toDays()),
                "maxAge", String.valueOf(intake.maxAge().toDays()),
                "skew", String.valueOf(intake.maxFutureSkew().toMinutes()),
                "decimals", "15");
    }

    /** The language the intake answers {@code locale} in: one of {@link #LANGUAGES}, else English. */
    static Locale answering(Locale locale) {
        return locale != null && LANGUAGES.contains(locale.getLanguage())
                ? Locale.of(locale.getLanguage())
                : Locale.ENGLISH;
    }

    /**
     * The results with the intake's rules' messages in {@code locale}'s language.
     *
     * @param types the type of each event of the request, by index (null where it had none)
     */
    List<EventResult> localise(List<EventResult> results, Locale locale, String orgId, List<String> types) {
        var messages = byLanguage.get(answering(locale).getLanguage());
        if (messages == null) {
            return results;
        }
        var localised = new ArrayList<EventResult>(results.size());
        for (var result : results) {
            if (result.errors() == null || result.errors().isEmpty()) {
                localised.add(result);
                continue;
            }
            var args = new HashMap<>(settings);
            args.put("org", orgId);
            var type = result.index() < types.size() ? types.get(result.index()) : null;
            args.put("type", type != null ? type : "");
            var errors = result.errors().stream()
                    .map(v -> translated(messages, v, args))
                    .toList();
            localised.add(new EventResult(result.index(), result.eventId(), result.status(), errors));
        }
        return localised;
    }

    private static Violation translated(Map<String, String> messages, Violation violation, Map<String, String> args) {
        var template =
                messages.getOrDefault(violation.rule() + "@" + violation.field(), messages.get(violation.rule()));
        if (template == null) {
            return violation;
        }
        var message = template;
        for (var arg : args.entrySet()) {
            message = message.replace("{" + arg.getKey() + "}", arg.getValue());
        }
        return new Violation(violation.field(), violation.rule(), message);
    }

    private static Map<String, String> catalogue(String language) {
        var resource = new ClassPathResource("static/i18n/" + language + "/rules.json");
        try (var in = resource.getInputStream()) {
            JsonNode intake = EventCodec.mapper().readTree(in).path("intake");
            var messages = new HashMap<String, String>();
            intake.properties()
                    .forEach(e -> messages.put(e.getKey(), e.getValue().asString()));
            return messages;
        } catch (IOException e) {
            throw new UncheckedIOException("the message catalogue " + resource.getPath() + " cannot be read", e);
        }
    }
}
