package org.peertracker.events;

import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * An event amended: every view behaves as if the target had been logged with {@code payload} instead, whatever order
 * they arrive in. Of several amendments of one target the latest counts (by {@code occurredAt}, ties by eventId).
 *
 * @param payload the complete corrected payload of the target's type, about the same subject (a change of subject
 *                is a void and a new event); a client code in it is replaced by its reference as in any event
 */
public record EventAmended(UUID targetEventId, String targetType, String reason, Payload payload)
        implements CorrectionPayload, CarriesClientCode<EventAmended>, CarriesFreeText<EventAmended> {

    /** The subject of the corrected payload, which must be the target's. */
    @Override
    public String subject() {
        return payload.subject();
    }

    @Override
    public String clientCode() {
        return payload instanceof CarriesClientCode<?> carrier ? carrier.clientCode() : null;
    }

    @Override
    public String clientRef() {
        return payload instanceof CarriesClientCode<?> carrier ? carrier.clientRef() : null;
    }

    @Override
    public EventAmended withoutClient() {
        var corrected = payload instanceof CarriesClientCode<?> carrier ? (Payload) carrier.withoutClient() : payload;
        return new EventAmended(targetEventId, targetType, reason, corrected);
    }

    @Override
    public EventAmended withTexts(UnaryOperator<String> change) {
        var corrected = payload instanceof CarriesFreeText<?> texts ? (Payload) texts.withTexts(change) : payload;
        return new EventAmended(targetEventId, targetType, reason, corrected);
    }

    @Override
    public EventAmended withClientRef(String clientRef) {
        var corrected =
                payload instanceof CarriesClientCode<?> carrier ? (Payload) carrier.withClientRef(clientRef) : payload;
        return new EventAmended(targetEventId, targetType, reason, corrected);
    }
}
