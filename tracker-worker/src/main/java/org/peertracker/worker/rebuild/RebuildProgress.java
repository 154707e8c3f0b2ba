package org.peertracker.worker.rebuild;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;

/**
 * Where a rebuild stands.
 *
 * @param status          {@code running} (catching up), {@code switching}, {@code done}, {@code failed}, or
 *                        {@code abandoned} (its instance stopped holding its lease before it ended)
 * @param eventsDone      records of the family's topics projected into the new generation
 * @param eventsTotal     records on those topics when the rebuild began
 * @param eventsPerSecond average rate since the start
 * @param etaSeconds      time left at that rate
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
        Instant finishedAt,
        String error,
        String instance) {

    static final String RUNNING = "running";
    static final String SWITCHING = "switching";
    static final String DONE = "done";
    static final String FAILED = "failed";
    static final String ABANDONED = "abandoned";

    static RebuildProgress started(String family, int generation, String instance, Instant at) {
        return new RebuildProgress(family, generation, RUNNING, 0, 0, 0, 0, at, null, null, instance);
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
                null,
                null,
                instance);
    }

    RebuildProgress done(long total, Instant at) {
        return new RebuildProgress(
                family, generation, DONE, eventsDone, total, eventsPerSecond, 0, startedAt, at, null, instance);
    }

    RebuildProgress failed(Instant at, String why) {
        return new RebuildProgress(
                family, generation, FAILED, eventsDone, eventsTotal, eventsPerSecond, 0, startedAt, at, why, instance);
    }

    RebuildProgress abandoned(Instant at) {
        return new RebuildProgress(
                family,
                generation,
                ABANDONED,
                eventsDone,
                eventsTotal,
                eventsPerSecond,
                0,
                startedAt,
                at,
                "its instance stopped renewing its lease; the live views are untouched",
                instance);
    }

    Document toDocument() {
        return new Document("family", family)
                .append("generation", generation)
                .append("status", status)
                .append("eventsDone", eventsDone)
                .append("eventsTotal", eventsTotal)
                .append("eventsPerSecond", eventsPerSecond)
                .append("etaSeconds", etaSeconds)
                .append("startedAt", startedAt == null ? null : Date.from(startedAt))
                .append("finishedAt", finishedAt == null ? null : Date.from(finishedAt))
                .append("error", error)
                .append("instance", instance);
    }

    static RebuildProgress of(Document doc) {
        return new RebuildProgress(
                doc.getString("family"),
                doc.getInteger("generation", 0),
                doc.getString("status"),
                doc.get("eventsDone", Number.class).longValue(),
                doc.get("eventsTotal", Number.class).longValue(),
                doc.get("eventsPerSecond", Number.class).doubleValue(),
                doc.get("etaSeconds", Number.class).longValue(),
                instant(doc, "startedAt"),
                instant(doc, "finishedAt"),
                doc.getString("error"),
                doc.getString("instance"));
    }

    private static Instant instant(Document doc, String field) {
        return doc.get(field) instanceof Date date ? date.toInstant() : null;
    }
}
