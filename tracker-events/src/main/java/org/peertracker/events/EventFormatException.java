package org.peertracker.events;

/** An event that cannot be read: not JSON, an unknown type, an unsupported version, or a wrong field type. */
public class EventFormatException extends RuntimeException {

    public EventFormatException(String message) {
        super(message);
    }

    public EventFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
