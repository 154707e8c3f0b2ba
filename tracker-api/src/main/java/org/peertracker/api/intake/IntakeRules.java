package org.peertracker.api.intake;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.peertracker.events.Violation;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The intake's own rules, which no schema can state: the event belongs to the organisation of the path, and it
 * did not happen in the future. Everything else about an event's shape is its JSON Schema's.
 */
@Component
class IntakeRules {

    private final Clock clock;
    private final IntakeProperties properties;

    IntakeRules(Clock clock, IntakeProperties properties) {
        this.clock = clock;
        this.properties = properties;
    }

    List<Violation> check(String pathOrgId, JsonNode event) {
        var violations = new ArrayList<Violation>();
        var orgId = event.path("orgId");
        if (orgId.isString() && !orgId.asString().equals(pathOrgId)) {
            violations.add(new Violation("orgId", "matches-path",
                    "orgId must be the organisation of the URL path ('" + pathOrgId + "')"));
        }
        var occurredAt = event.path("occurredAt");
        if (occurredAt.isString()) {
            try {
                var at = OffsetDateTime.parse(occurredAt.asString()).toInstant();
                var latest = clock.instant().plus(properties.maxFutureSkew());
                if (at.isAfter(latest)) {
                    violations.add(new Violation("occurredAt", "not-in-future",
                            "occurredAt may be at most " + properties.maxFutureSkew().toMinutes()
                                    + " minutes ahead of the server's clock; check the device's clock"));
                }
            } catch (DateTimeParseException e) {
                violations.add(new Violation("occurredAt", "date-time", "occurredAt must be an ISO-8601 instant"));
            }
        }
        return violations;
    }
}
