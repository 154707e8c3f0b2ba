package org.peertracker.events;

import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * The contract's rules of corrections, the same for the intake, the worker and any consumer of the streams: which
 * correction applies to which event, and what an event becomes under the corrections that apply to it.
 */
public final class Corrections {

    /** The default correction window of a peer: from the target's {@code receivedAt}. */
    public static final Duration DEFAULT_WINDOW = Duration.ofDays(7);

    private Corrections() {}

    /**
     * Whether {@code correction} may correct {@code target}: the same organisation and the target's type as named; an
     * amendment about the same subject; and sent by a coordinator or an admin, or by the peer whose event it is, within
     * {@code window} of the target's {@code receivedAt} and never of a coordinator's type. It names the target's subject
     * (an amendment by its payload), so it is keyed as its target. A correction without a submitter is a coordinator's
     * (the intake always sets one).
     */
    public static boolean applies(Event target, Event correction, Duration window) {
        if (!(correction.payload() instanceof CorrectionPayload payload)
                || target.payload() instanceof CorrectionPayload
                || !target.orgId().equals(correction.orgId())
                || !target.eventId().equals(payload.targetEventId())
                || !target.type().equals(payload.targetType())) {
            return false;
        }
        if (!payload.subject().equals(target.payload().subject())) {
            // keyed by another subject it may meet the target in another order; and a change of subject is no amendment
            return false;
        }
        var by = correction.submittedBy();
        if (by == null || !"peer".equals(by.role())) {
            return true;
        }
        var received = target.receivedAt() != null ? target.receivedAt() : target.occurredAt();
        var correctedAt = correction.receivedAt() != null ? correction.receivedAt() : correction.occurredAt();
        return by.peerId() != null
                && by.peerId().equals(target.peerId())
                && !target.eventType().isCoordinatorOnly()
                && !correctedAt.isAfter(received.plus(window));
    }

    /**
     * What {@code target} is under the corrections that apply to it: nothing when one voids it, else as the latest
     * amendment has it (by {@code occurredAt}, ties by eventId), else as logged.
     */
    public static Optional<Event> effective(Event target, Collection<Event> corrections, Duration window) {
        var applying =
                corrections.stream().filter(c -> applies(target, c, window)).toList();
        if (applying.stream().anyMatch(c -> c.payload() instanceof EventVoided)) {
            return Optional.empty();
        }
        return Optional.of(applying.stream()
                .filter(c -> c.payload() instanceof EventAmended)
                .max(Comparator.comparing(Event::occurredAt)
                        .thenComparing(c -> c.eventId().toString()))
                .map(latest -> target.withPayload(((EventAmended) latest.payload()).payload()))
                .orElse(target));
    }
}
