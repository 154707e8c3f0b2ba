package org.peertracker.api.privacy;

/**
 * The pseudonym table or the texts' keys cannot be read or written now (MongoDB is unreachable): an event that names
 * a client or carries a text waits, answered not-accepted, and is sent again.
 */
public final class KeyTablesUnavailable extends RuntimeException {

    KeyTablesUnavailable(RuntimeException cause) {
        super("the key tables are unreachable: " + cause.getClass().getSimpleName(), cause);
    }
}
