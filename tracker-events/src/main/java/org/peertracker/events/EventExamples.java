package org.peertracker.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * One example per type in the form a field app sends it (a {@code clientCode}, no {@code receivedAt}), for the
 * API's documentation. The golden samples of the tests show the published form.
 */
public final class EventExamples {

    private EventExamples() {}

    public static String of(EventType type) {
        try (var in = EventExamples.class.getResourceAsStream("examples/" + type.token() + ".json")) {
            if (in == null) {
                throw new IllegalStateException("no example of " + type.token());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
