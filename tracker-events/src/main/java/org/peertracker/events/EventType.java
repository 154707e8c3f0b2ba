package org.peertracker.events;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The catalogue: each type's stable token, its payload version, its topic and its payload record. */
public enum EventType {

    OUTREACH_CONTACT_RECORDED("outreach.contact-recorded", 1, Topics.OUTREACH, ContactRecorded.class);

    private static final Map<String, EventType> BY_TOKEN =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventType::token, Function.identity()));

    private final String token;
    private final int version;
    private final String topic;
    private final Class<? extends Payload> payloadClass;

    EventType(String token, int version, String topic, Class<? extends Payload> payloadClass) {
        this.token = token;
        this.version = version;
        this.topic = topic;
        this.payloadClass = payloadClass;
    }

    public static Optional<EventType> byToken(String token) {
        return Optional.ofNullable(BY_TOKEN.get(token));
    }

    public static EventType of(Payload payload) {
        return switch (payload) {
            case ContactRecorded c -> OUTREACH_CONTACT_RECORDED;
        };
    }

    public String token() {
        return token;
    }

    public int version() {
        return version;
    }

    public String topic() {
        return topic;
    }

    public Class<? extends Payload> payloadClass() {
        return payloadClass;
    }
}
