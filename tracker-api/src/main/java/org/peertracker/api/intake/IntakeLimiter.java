package org.peertracker.api.intake;

import java.util.concurrent.Semaphore;
import org.springframework.stereotype.Component;

/**
 * Bounds the intake requests in progress ({@code tracker.intake.max-concurrent-requests}), so that one client's
 * flood of large bodies cannot fill the heap that serves every organisation.
 */
@Component
class IntakeLimiter {

    private final Semaphore permits;
    private final int limit;

    IntakeLimiter(IntakeProperties properties) {
        this.limit = properties.maxConcurrentRequests();
        this.permits = new Semaphore(limit);
    }

    /** Takes a permit if one is free, never waiting: a waiting request would still hold a thread and a connection. */
    boolean tryAcquire() {
        return permits.tryAcquire();
    }

    /** Gives back a permit taken by {@link #tryAcquire()}; call it exactly once, in a {@code finally}. */
    void release() {
        permits.release();
    }

    int limit() {
        return limit;
    }
}
