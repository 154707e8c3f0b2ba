package org.peertracker.worker.projection;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteConcernException;
import java.time.Duration;
import java.util.Set;
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

    public MongoOutage(String projection, BooleanSupplier running) {
        this.projection = projection;
        this.running = running;
    }

    public <T> T waitOut(Supplier<T> work) {
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

    /**
     * Server error codes that a replica set answers while it elects or loses a primary, shuts a member down or cannot
     * reach one: the write may succeed once a primary is back (MongoDB's own list of retryable errors, plus the
     * write-concern timeout). Duplicate keys, validation failures and the like are not among them: those are the
     * record's fault and go to the dead letters.
     */
    static final Set<Integer> FAILOVER_CODES = Set.of(
            6, // HostUnreachable
            7, // HostNotFound
            64, // WriteConcernFailed (waiting for the majority timed out)
            89, // NetworkTimeout
            91, // ShutdownInProgress
            189, // PrimarySteppedDown
            262, // ExceededTimeLimit
            9001, // SocketException
            10107, // NotWritablePrimary
            11600, // InterruptedAtShutdown
            11602, // InterruptedDueToReplStateChange
            13435, // NotPrimaryNoSecondaryOk
            13436 // NotPrimaryOrSecondary
            );

    /** Labels the server and the driver put on errors that a retry after the failover may cure. */
    static final Set<String> FAILOVER_LABELS =
            Set.of("RetryableWriteError", "TransientTransactionError", "NetworkError");

    /** Whether the failure is MongoDB (or the way to it) being away for a while, rather than the record's fault. */
    public static boolean isOutage(Throwable e) {
        for (var cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof MongoSocketException
                    || cause instanceof MongoTimeoutException
                    || cause instanceof MongoNotPrimaryException
                    || cause instanceof MongoNodeIsRecoveringException
                    || cause instanceof MongoWriteConcernException) {
                return true;
            }
            if (cause instanceof MongoBulkWriteException bulk
                    && (bulk.getWriteConcernError() != null
                            || bulk.getWriteErrors().stream().anyMatch(w -> FAILOVER_CODES.contains(w.getCode())))) {
                return true;
            }
            if (cause instanceof MongoException mongo
                    && (FAILOVER_CODES.contains(mongo.getCode())
                            || FAILOVER_LABELS.stream().anyMatch(mongo::hasErrorLabel))) {
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
