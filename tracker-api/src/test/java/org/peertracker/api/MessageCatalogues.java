package org.peertracker.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The message catalogues the field app and the dashboard share ({@code static/i18n/<language>/messages.json}). */
public final class MessageCatalogues {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private MessageCatalogues() {}

    public static JsonNode catalogue(String language) throws IOException {
        return read("static/i18n/" + language + "/messages.json");
    }

    /** Every key of a catalogue (or of a part of it), dotted: {@code dashboard.tabs.outreach}. */
    public static Set<String> keys(JsonNode node, String prefix) {
        var keys = new TreeSet<String>();
        for (var name : node.propertyNames()) {
            var child = node.path(name);
            if (child.isObject()) {
                keys.addAll(keys(child, prefix + name + "."));
            } else {
                keys.add(prefix + name);
            }
        }
        return keys;
    }

    /** A JSON resource of the classpath. */
    public static JsonNode read(String resource) throws IOException {
        return JSON.readTree(text(resource));
    }

    /** A text resource of the classpath. */
    public static String text(String resource) throws IOException {
        try (InputStream in = MessageCatalogues.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
