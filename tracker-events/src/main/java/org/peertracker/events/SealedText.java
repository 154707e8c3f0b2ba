package org.peertracker.events;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A free text as published: {@code sealed:k<version>:<keyId>:<base64url>}, AES-256-GCM under a data key of its own
 * event ({@code keyId} is the event's id; a 12-byte nonce, then the ciphertext and its tag), the data key kept
 * wrapped in MongoDB under the organisation's key of {@code version}. Erasing the text, or the retention period
 * passing, destroys the data key: every copy of the text, on the topics, in the dead letters, in the views and in
 * any rebuild, becomes unreadable at once. Texts are for the read API, not for stream consumers: a consumer sees
 * only sealed texts.
 *
 * @param keyVersion the version of the organisation's key that wrapped the data key when the text was sealed
 * @param keyId      the data key's id: the event's eventId
 * @param sealed     nonce, ciphertext and tag, base64url without padding
 */
public record SealedText(int keyVersion, String keyId, String sealed) {

    public static final String PREFIX = "sealed:";
    private static final Pattern FORM =
            Pattern.compile("sealed:k([1-9][0-9]{0,8}):([0-9a-fA-F-]{36}):([A-Za-z0-9_-]{16,4096})");

    /** The text's sealed form, if it is one. */
    public static Optional<SealedText> parse(String text) {
        if (text == null || !text.startsWith(PREFIX)) {
            return Optional.empty();
        }
        var form = FORM.matcher(text);
        return form.matches()
                ? Optional.of(new SealedText(Integer.parseInt(form.group(1)), form.group(2), form.group(3)))
                : Optional.empty();
    }

    @Override
    public String toString() {
        return PREFIX + "k" + keyVersion + ":" + keyId + ":" + sealed;
    }
}
