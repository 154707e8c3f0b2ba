package org.peertracker.api.privacy;

import com.mongodb.MongoException;
import java.util.function.Supplier;

/**
 * The pseudonym table or the texts' keys cannot be read or written now (MongoDB is unreachable): an event that names
 * a client or carries a text waits, answered not-accepted, and is sent again; a read answers 503, as any read of
 * MongoDB that fails.
 */
public final class KeyTablesUnavailable extends MongoException {

    KeyTablesUnavailable(MongoException cause) {
        super("the key tables are unreachable: " + cause.getClass().getSimpleName(), cause);
    }

    /** {@code work}'s answer; a MongoDB failure of it as this. */
    static <T> T around(Supplier<T> work) {
        try {
            return work.get();
        } catch (MongoException e) {
            throw new KeyTablesUnavailable(e);
        }
    }
}
