package org.peertracker.api.intake;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.peertracker.api.security.Caller;
import org.peertracker.events.CorrectionPayload;
import org.peertracker.events.Event;
import org.peertracker.events.EventType;
import org.peertracker.events.EventVoided;
import org.peertracker.events.Violation;
import org.peertracker.service.corrections.CorrectionSettings;
import org.springframework.stereotype.Component;

/**
 * Who may correct what, where the intake can tell: a correction names its target's type and subject as they are; a
 * peer corrects only its own events, within the correction window from their receipt, and none of a coordinator's
 * types. A target the intake cannot see yet (not in the activity log, nor earlier in the request) is taken: the
 * worker applies the same rules when both have arrived, and the event's status says whether it applied.
 */
@Component
class CorrectionAuthority {

    static final String TARGET_TYPE = "target-type";
    static final String SAME_SUBJECT = "same-subject";
    static final String OWN_EVENT = "own-event";
    static final String CORRECTION_WINDOW = "correction-window";

    private final CorrectionSettings settings;
    private final Clock clock;

    CorrectionAuthority(CorrectionSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * The rules {@code correction} breaks, given the events known: the activity log's ({@code recorded}) and those
     * earlier in the request ({@code earlier}, by eventId).
     */
    List<Violation> check(
            Caller caller, Event correction, Map<String, EventHistory.Recorded> recorded, Map<String, Event> earlier) {
        var payload = (CorrectionPayload) correction.payload();
        var id = payload.targetEventId().toString();
        String type;
        String peerId;
        String subject;
        Instant receivedAt;
        if (earlier.containsKey(id)) {
            var target = earlier.get(id);
            type = target.type();
            peerId = target.peerId();
            subject = target.payload().subject();
            receivedAt = target.receivedAt();
        } else if (recorded.containsKey(id)) {
            var target = recorded.get(id);
            type = target.type();
            peerId = target.peerId();
            subject = target.subject();
            receivedAt = target.receivedAt() != null ? target.receivedAt() : target.occurredAt();
        } else {
            return List.of();
        }
        // another peer's event: said first, so that the answer tells nothing of it (its type, its case)
        if (caller.isPeer() && !caller.peerId().equals(peerId)) {
            return List.of(new Violation(
                    "payload.targetEventId", OWN_EVENT, "a peer may correct only its own events; ask a coordinator"));
        }
        if (!type.equals(payload.targetType())) {
            return List.of(new Violation(
                    "payload.targetType",
                    TARGET_TYPE,
                    "the event " + id + " is a " + type + ", not a " + payload.targetType()));
        }
        if (!subject.equals(payload.subject())) {
            return List.of(new Violation(
                    payload instanceof EventVoided ? "payload.targetSubject" : "payload.payload",
                    SAME_SUBJECT,
                    "a correction is about its event's subject (" + subject
                            + "); a change of subject is a void and a new event"));
        }
        if (!caller.isPeer()) {
            return List.of();
        }
        if (EventType.byToken(type).map(EventType::isCoordinatorOnly).orElse(false)) {
            return List.of(new Violation(
                    "payload.targetType", "coordinator-only", "only a coordinator or an admin may correct a " + type));
        }
        if (receivedAt != null && clock.instant().isAfter(receivedAt.plus(settings.window()))) {
            return List.of(new Violation(
                    "payload.targetEventId",
                    CORRECTION_WINDOW,
                    "a peer may correct its events for " + settings.window().toDays()
                            + " days after they were received; ask a coordinator"));
        }
        return List.of();
    }
}
