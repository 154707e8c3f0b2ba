package org.peertracker.worker.projection;

import com.mongodb.MongoException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MongoDB being unreachable is not a poison record: the projection waits, with growing pauses, and resumes
 * where it stood. Nothing is skipped, since positions only move after the views were written.
 */
public final class MongoOutage {

    private static final Logger log = LoggerFactory.getLogger(MongoOutage.class);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(200);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);

    private final String projection;
    private final BooleanSupplier running;

    MongoOutage(String projection, BooleanSupplier running) {
        this.projection = projection;
        this.running = running;
    }

    <T> T waitOut(Supplier<T> work) {
        var pause = FIRST_PAUSE;
        while (true) {
            try {
                return work.get();
            } catch (MongoException e) {
                if (!isOutage(e) || !running.getAsBoolean()) {
                    throw e;
                }
                log.warn(
                        "{}: MongoDB unreachable ({}); retrying in {} ms",
                        projection,
                        e.getMessage(),
                        pause.toMillis());
                sleep(pause);
                pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
            }
        }
    }

    public static boolean isOutage(Throwable e) {
        for (var cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof MongoSocketException
                    || cause instanceof MongoTimeoutException
                    || cause instanceof MongoNotPrimaryException
                    || cause instanceof MongoNodeIsRecoveringException) {
                return true;
            }
        }
        return false;
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for MongoDB", e);
        }
    }
}
