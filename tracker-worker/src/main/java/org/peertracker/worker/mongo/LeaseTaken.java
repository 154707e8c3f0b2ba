package org.peertracker.worker.mongo;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answer to a request for an operation whose lease another holds: 409 problem details (RFC 9457) naming the rule
 * and, when known, what is running.
 */
public final class LeaseTaken {

    public static final int STATUS = 409;

    private LeaseTaken() {}

    public static Map<String, Object> problem(String title, String detail, String rule, Object running) {
        var problem = new LinkedHashMap<String, Object>();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", STATUS);
        problem.put("detail", detail);
        problem.put("rule", rule);
        if (running != null) {
            problem.put("running", running);
        }
        return problem;
    }
}
