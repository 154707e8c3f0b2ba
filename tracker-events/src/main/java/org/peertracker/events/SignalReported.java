package org.peertracker.events;

import java.util.function.UnaryOperator;

/**
 * A signal from the field that coordinators should know about, such as a new substance or a gap in services.
 *
 * @param kind     what sort of signal, as a catalogue code
 * @param area     coded id of the area it concerns
 * @param severity how urgent, as a catalogue code
 * @param text     free text of up to 280 characters; must never name or describe a person, and is shown only
 *                 to coordinators and admins
 */
public record SignalReported(String sessionId, String kind, String area, String severity, String text)
        implements OutreachPayload, CarriesFreeText<SignalReported> {

    @Override
    public SignalReported withTexts(UnaryOperator<String> change) {
        return new SignalReported(sessionId, kind, area, severity, CarriesFreeText.change(text, change));
    }
}
