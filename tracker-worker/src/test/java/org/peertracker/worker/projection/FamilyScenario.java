package org.peertracker.worker.projection;

import java.util.List;
import java.util.function.Function;
import org.peertracker.events.Event;

/**
 * What one view family brings to the scenarios every family goes through with Kafka and MongoDB (sent again,
 * replayed, dead-lettered, rebuilt): each part made for an organisation of the test's own.
 *
 * @param family the projector's name
 * @param day a representative day of work, in the order the events reach their topics
 * @param followUp one more event, sent after a rebuild, that changes the family's views
 * @param poison a record no projector can read, and a good event of the same key behind it
 */
public record FamilyScenario(
        String family,
        Function<String, List<Event>> day,
        Function<String, Event> followUp,
        Function<String, Poison> poison) {

    /**
     * @param value the record's bytes
     * @param reason what the dead letter's exception message says
     * @param good the event sent right after it, to the same topic and key
     */
    public record Poison(byte[] value, String reason, Event good) {}

    @Override
    public String toString() {
        return family;
    }
}
