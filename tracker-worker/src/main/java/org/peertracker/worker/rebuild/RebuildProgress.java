package org.peertracker.worker.rebuild;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;
import org.peertracker.views.OperationLeases.Rebuild;

/**
 * Where a rebuild stands.
 *
 * @param status          {@code running} (catching up), {@code switching}, {@code done}, {@code failed}, or
 *                        {@code abandoned} (its instance stopped holding its lease before it ended)
 * @param eventsDone      records of the family's topics projected into the new generation
 * @param eventsTotal     records on those topics when the rebuild began
 * @param eventsPerSecond average rate since the start
 * @param etaSeconds      time left at that rate
 * @param switchedAt      when readers were switched to the new generation: the rebuild's work is done then; the old
 *                        generation is dropped a grace period later ({@code finishedAt})
 * @param instance        the worker instance that runs (or ran) it
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
        Instant switchedAt,
        Instant finishedAt,
        String error,
        String instance) {

    static final String RUNNING = "running";
    static final String SWITCHING = "switching";
    static final String DONE = "done";
    static final String FAILED = "failed";
    static final String ABANDONED = "abandoned";

    static RebuildProgress started(String family, int generation, String instance, Instant at) {
        return new RebuildProgress(family, generation, RUNNING, 0, 0, 0, 0, at, null, null, null, instance);
    }

    boolean isActive() {
        return status.equals(RUNNING) || status.equals(SWITCHING);
    }

    RebuildProgress at(String newStatus, long done, long total, Instant now) {
        double seconds = Math.max(0.001, Duration.between(startedAt, now).toMillis() / 1000.0);
        double rate = done / seconds;
        long eta = rate > 0 ? (long) ((total - Math.min(done, total)) / rate) : -1;
        return new RebuildProgress(
                family,
                generation,
                newStatus,
                done,
                total,
                Math.round(rate * 10) / 10.0,
                eta,
                startedAt,
                switchedAt,
                null,
                null,
                instance);
    }

    RebuildProgress done(long total, Instant at) {
        return with(DONE, total, switchedAt, at, null);
    }

    RebuildProgress failed(Instant at, String why) {
        return with(FAILED, eventsTotal, switchedAt, at, why);
    }

    RebuildProgress abandoned(Instant at) {
        return with(
                ABANDONED,
                eventsTotal,
                switchedAt,
                at,
                "its instance stopped renewing its lease; the live views are untouched");
    }

    RebuildProgress switched(Instant at) {
        return with(SWITCHING, eventsTotal, at, null, null);
    }

    /** This rebuild with its catching up over: the events done and their rate as they stand, no time left. */
    private RebuildProgress with(String newStatus, long total, Instant switched, Instant finished, String why) {
        return new RebuildProgress(
                family,
                generation,
                newStatus,
                eventsDone,
                total,
                eventsPerSecond,
                0,
                startedAt,
                switched,
                finished,
                why,
                instance);
    }

    Document toDocument() {
        return new Document(Rebuild.FAMILY, family)
                .append(Rebuild.GENERATION, generation)
                .append(Rebuild.STATUS, status)
                .append(Rebuild.EVENTS_DONE, eventsDone)
                .append(Rebuild.EVENTS_TOTAL, eventsTotal)
                .append(Rebuild.EVENTS_PER_SECOND, eventsPerSecond)
                .append(Rebuild.ETA_SECONDS, etaSeconds)
                .append(Rebuild.STARTED_AT, startedAt == null ? null : Date.from(startedAt))
                .append(Rebuild.SWITCHED_AT, switchedAt == null ? null : Date.from(switchedAt))
                .append(Rebuild.FINISHED_AT, finishedAt == null ? null : Date.from(finishedAt))
                .append(Rebuild.ERROR, error)
                .append(Rebuild.INSTANCE, instance);
    }

    static RebuildProgress of(Document doc) {
        return new RebuildProgress(
                doc.getString(Rebuild.FAMILY),
                doc.getInteger(Rebuild.GENERATION, 0),
                doc.getString(Rebuild.STATUS),
                doc.get(Rebuild.EVENTS_DONE, Number.class).longValue(),
                doc.get(Rebuild.EVENTS_TOTAL, Number.class).longValue(),
                doc.get(Rebuild.EVENTS_PER_SECOND, Number.class).doubleValue(),
                doc.get(Rebuild.ETA_SECONDS, Number.class).longValue(),
                instant(doc, Rebuild.STARTED_AT),
                instant(doc, Rebuild.SWITCHED_AT),
                instant(doc, Rebuild.FINISHED_AT),
                doc.getString(Rebuild.ERROR),
                doc.getString(Rebuild.INSTANCE));
    }

    private static Instant instant(Document doc, String field) {
        return doc.get(field) instanceof Date date ? date.toInstant() : null;
    }
}
