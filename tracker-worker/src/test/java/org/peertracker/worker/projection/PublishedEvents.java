package org.peertracker.worker.projection;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.peertracker.events.Event;
import org.peertracker.events.Payload;
import org.peertracker.testing.SampleEvents;

/** Events as the intake publishes them, for the projectors' unit tests and the worker's integration tests. */
public final class PublishedEvents {

    private PublishedEvents() {}

    /** An event as the intake publishes it: with a receivedAt, and a clientRef where a client code was. */
    public static Event event(String org, String peer, Instant occurredAt, Payload payload) {
        return SampleEvents.event(org, peer, occurredAt, payload).withReceivedAt(occurredAt.plusSeconds(90));
    }

    /** A 64-hex clientRef, as the intake's HMAC makes, derived from the seed so tests can name it again. */
    public static String clientRef(String... seed) {
        try {
            var digest = MessageDigest.getInstance("SHA-256")
                    .digest(String.join("|", seed).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Some orders the events could arrive in, shuffled with a fixed seed so that a failure can be repeated. */
    public static List<List<Event>> shuffled(List<Event> events, int orders) {
        var random = new Random(12);
        var shuffled = new ArrayList<List<Event>>();
        for (int i = 0; i < orders; i++) {
            var order = new ArrayList<>(events);
            Collections.shuffle(order, random);
            shuffled.add(order);
        }
        return shuffled;
    }
}
