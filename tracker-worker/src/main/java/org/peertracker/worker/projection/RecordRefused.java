package org.peertracker.worker.projection;

import org.peertracker.worker.mongo.EventClaims;
import org.peertracker.worker.mongo.ViewWriteRefused;

/**
 * A record whose view writes MongoDB refused in part: what its dead letter must leave on the event's claim, so that
 * a replay applies the event where it is missing and nowhere else.
 */
public final class RecordRefused extends RuntimeException {

    private final EventClaims.Candidate candidate;
    private final ViewWriteRefused refusal;

    RecordRefused(EventClaims.Candidate candidate, ViewWriteRefused refusal) {
        super(refusal.getMessage(), refusal);
        this.candidate = candidate;
        this.refusal = refusal;
    }

    public EventClaims.Candidate candidate() {
        return candidate;
    }

    public ViewWriteRefused refusal() {
        return refusal;
    }

    /** The refusal in a failure's causes, if there is one. */
    public static RecordRefused in(Throwable failure) {
        for (var cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RecordRefused refused) {
                return refused;
            }
        }
        return null;
    }
}
