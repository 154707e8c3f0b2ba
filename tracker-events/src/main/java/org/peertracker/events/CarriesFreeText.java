package org.peertracker.events;

import java.util.function.UnaryOperator;

/**
 * A payload with free text, the only place where words are typed in: the intake seals each text under a key of the
 * event's own before anything is published, so that erasing the key makes the text unreadable everywhere it was
 * copied to (the topics, the dead letters, the views, rebuilds). See {@link SealedText}.
 */
public interface CarriesFreeText<P extends Payload> {

    /** A copy with every free text (left out ones stay left out) replaced by {@code change} of it. */
    P withTexts(UnaryOperator<String> change);

    /** {@code change} of a text that may be left out. */
    static String change(String text, UnaryOperator<String> change) {
        return text == null ? null : change.apply(text);
    }
}
