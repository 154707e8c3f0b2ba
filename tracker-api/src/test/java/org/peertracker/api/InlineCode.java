package org.peertracker.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;

/**
 * What a page must not hold to run under a Content-Security-Policy without {@code 'unsafe-inline'}: an inline
 * script, an event handler attribute, a style element or attribute.
 */
public final class InlineCode {

    private static final Pattern SCRIPT = Pattern.compile("<script(?![^>]*\\ssrc=)[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern HANDLER = Pattern.compile("\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);
    private static final Pattern STYLE = Pattern.compile("<style|\\sstyle\\s*=", Pattern.CASE_INSENSITIVE);

    private InlineCode() {}

    public static void assertNoneIn(String html) {
        assertThat(SCRIPT.matcher(html).find()).as("an inline script").isFalse();
        assertThat(HANDLER.matcher(html).find())
                .as("an event handler attribute")
                .isFalse();
        assertThat(STYLE.matcher(html).find())
                .as("a style element or attribute")
                .isFalse();
    }
}
