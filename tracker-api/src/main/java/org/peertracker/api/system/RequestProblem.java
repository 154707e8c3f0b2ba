package org.peertracker.api.system;

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

    public RequestProblem(HttpStatus status, String title, String detail, String field, String rule) {
        super(detail);
        this.status = status;
        this.title = title;
        this.field = field;
        this.rule = rule;
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
}
