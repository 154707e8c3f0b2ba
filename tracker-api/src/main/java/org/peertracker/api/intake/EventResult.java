package org.peertracker.api.intake;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.peertracker.events.Violation;

/**
 * What became of one event of a request.
 *
 * @param index   its position in the request (0 for a single event)
 * @param eventId as sent, when it could be read
 * @param status  {@code accepted}: on Kafka; {@code rejected}: broken rules, do not re-send as is;
 *                {@code not-accepted}: Kafka did not take it in time, re-send the same event later;
 *                {@code conflict}: its eventId was recorded with other content, which a re-send never changes
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
record EventResult(int index, String eventId, String status, List<Violation> errors) {

    static final String ACCEPTED = "accepted";
    static final String REJECTED = "rejected";
    static final String NOT_ACCEPTED = "not-accepted";
    static final String CONFLICT = "conflict";

    static EventResult rejected(int index, String eventId, List<Violation> errors) {
        return new EventResult(index, eventId, REJECTED, errors);
    }

    EventResult withStatus(String newStatus) {
        return new EventResult(index, eventId, newStatus, errors);
    }
}
