package org.peertracker.worker.rebuild;

import java.time.Instant;

/**
 * Where a rebuild stands.
 *
 * @param status         {@code running} (catching up), {@code switching}, {@code done} or {@code failed}
 * @param eventsDone     records of the family's topics projected into the new generation
 * @param eventsTotal    records on those topics when the rebuild began
 * @param eventsPerSecond average rate since the start
 * @param etaSeconds     time left at that rate
 */
public record RebuildProgress(
        String family,
        int generation,
        String status,
        long eventsDone,
        long eventsTotal,
        double eventsPerSecond,
        long etaSeconds,
        Instant startedAt,
        Instant finishedAt,
        String error) {}
