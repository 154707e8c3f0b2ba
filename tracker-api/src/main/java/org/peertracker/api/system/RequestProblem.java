package org.peertracker.api.system;

import java.time.Duration;
import org.springframework.http.HttpStatus;

/**
 * A whole request that cannot be served, answered as RFC 9457 problem details naming the field (or parameter)
 * and the rule it breaks.
 */
public class RequestProblem extends RuntimeException {

    private final HttpStatus status;
    private final String title;
    private final String field;
    private final String rule;
    private final Duration retryAfter;

    public RequestProblem(HttpStatus status, String title, String detail, String field, String rule) {
        this(status, title, detail, field, rule, null);
    }

    /** A problem that passes with time (a limit), answered with {@code Retry-After}; {@code field} may be null. */
    public RequestProblem(
            HttpStatus status, String title, String detail, String field, String rule, Duration retryAfter) {
        super(detail);
        this.status = status;
        this.title = title;
        this.field = field;
        this.rule = rule;
        this.retryAfter = retryAfter;
    }

    public static RequestProblem badParameter(String parameter, String rule, String detail) {
        return new RequestProblem(HttpStatus.BAD_REQUEST, "Invalid parameter", detail, parameter, rule);
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String field() {
        return field;
    }

    public String rule() {
        return rule;
    }

    /** When to try again, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
