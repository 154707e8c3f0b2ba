package org.peertracker.events;

import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * An event voided: every view behaves as if the target had never been logged, whatever order the two arrive in.
 * Voiding wins over any amendment of the same target.
 *
 * @param targetSubject the target's subject, which keys the void as it keys the target
 * @param note          a short explanation; optional, and never a client's name
 */
public record EventVoided(UUID targetEventId, String targetType, String targetSubject, String reason, String note)
        implements CorrectionPayload, CarriesFreeText<EventVoided> {

    @Override
    public EventVoided withTexts(UnaryOperator<String> change) {
        return new EventVoided(targetEventId, targetType, targetSubject, reason, CarriesFreeText.change(note, change));
    }

    @Override
    public String subject() {
        return targetSubject;
    }
}
