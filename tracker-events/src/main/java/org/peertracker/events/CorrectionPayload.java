package org.peertracker.events;

import java.util.List;
import java.util.UUID;

/**
 * An event that corrects another of the same organisation without rewriting the log: the target stays, and every view
 * behaves as if it had never been logged ({@link EventVoided}) or had been logged as amended ({@link EventAmended}).
 * Published to the target type's topic, keyed by the target's subject: on the target's partition, so that a consumer
 * meets an event and its corrections in one order, whichever was logged first.
 */
public sealed interface CorrectionPayload extends Payload permits EventVoided, EventAmended {

    /** The reasons a correction may give, as codes. */
    List<String> REASONS = List.of("entered-in-error", "duplicate", "wrong-subject", "identifying-text", "other");

    UUID targetEventId();

    /** The target's type token; never a correction's. */
    String targetType();

    /** Why, as one of {@link #REASONS}. */
    String reason();

    /** The target's subject (its caseId, sessionId, campaignId or peerId): the record key, as the target's. */
    @Override
    String subject();
}
