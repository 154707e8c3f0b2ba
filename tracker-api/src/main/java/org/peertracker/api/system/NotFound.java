package org.peertracker.api.system;

import org.springframework.http.HttpStatus;

/** An id that names nothing in the caller's organisation: 404, and nothing about other organisations. */
public final class NotFound extends RequestProblem {

    public NotFound(String what, String parameter) {
        super(
                HttpStatus.NOT_FOUND,
                "Not found",
                "no " + what + " with this id in this organisation",
                parameter,
                "exists");
    }
}
