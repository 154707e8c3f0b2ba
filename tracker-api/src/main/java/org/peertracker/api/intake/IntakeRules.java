package org.peertracker.api.intake;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.peertracker.api.security.Caller;
import org.peertracker.events.EventType;
import org.peertracker.events.PeerPayload;
import org.peertracker.events.Violation;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The intake's own rules, which no schema can state: the event belongs to the organisation of the path, it did not
 * happen in the future, and a peer logs only its own activities and none that are a coordinator's to log. Everything
 * else about an event's shape is its JSON Schema's; what depends on the views is {@link WriteAuthority}'s.
 */
@Component
class IntakeRules {

    /** What a peer may not log, even about itself: case ownership and the organisation's own records of its peers. */
    static final Set<EventType> COORDINATOR_ONLY = EnumSet.of(
            EventType.CASE_REASSIGNED,
            EventType.PEER_JOINED,
            EventType.PEER_LEFT,
            EventType.PEER_ROLE_ASSIGNED,
            EventType.PEER_ROLE_ENDED,
            EventType.PEER_COMPENSATION_PAID);

    private final Clock clock;
    private final IntakeProperties properties;

    IntakeRules(Clock clock, IntakeProperties properties) {
        this.clock = clock;
        this.properties = properties;
    }

    List<Violation> check(Caller caller, String pathOrgId, JsonNode event) {
        var violations = new ArrayList<Violation>();
        if (caller.isPeer()) {
            ownPeer(caller, event, violations);
        }
        var orgId = event.path("orgId");
        if (orgId.isString() && !orgId.asString().equals(pathOrgId)) {
            violations.add(new Violation(
                    "orgId", "matches-path", "orgId must be the organisation of the URL path ('" + pathOrgId + "')"));
        }
        var occurredAt = event.path("occurredAt");
        if (occurredAt.isString()) {
            try {
                var at = OffsetDateTime.parse(occurredAt.asString()).toInstant();
                var now = clock.instant();
                if (at.isAfter(now.plus(properties.maxFutureSkew()))) {
                    violations.add(new Violation(
                            "occurredAt",
                            "not-in-future",
                            "occurredAt may be at most "
                                    + properties.maxFutureSkew().toMinutes()
                                    + " minutes ahead of the server's clock; check the device's clock"));
                }
                if (at.isBefore(now.minus(properties.maxAge()))) {
                    violations.add(new Violation(
                            "occurredAt",
                            "max-age",
                            "occurredAt may be at most " + properties.maxAge().toDays()
                                    + " days in the past: older activities are not taken; check the device's clock"));
                }
            } catch (DateTimeParseException e) {
                violations.add(new Violation("occurredAt", "date-time", "occurredAt must be an ISO-8601 instant"));
            }
        }
        return violations;
    }

    /**
     * A peer may log only what it did itself ({@code peerId} of the envelope), and of the {@code peer.*} events only
     * those about itself (their payload's {@code peerId}).
     */
    private static void ownPeer(Caller caller, JsonNode event, List<Violation> violations) {
        var type = EventType.byToken(event.path("type").asString(""));
        if (type.isPresent() && COORDINATOR_ONLY.contains(type.get())) {
            violations.add(new Violation(
                    "type",
                    "coordinator-only",
                    "only a coordinator or an admin may log " + type.get().token()
                            + ": who works here, in which role, and what they are paid"));
        }
        var actor = event.path("peerId");
        if (actor.isString() && !actor.asString().equals(caller.peerId())) {
            violations.add(new Violation(
                    "peerId", "own-peer", "a peer may log only its own activities: peerId must be the token's peer"));
        }
        var about = event.path("payload").path("peerId");
        if (type.isPresent()
                && PeerPayload.class.isAssignableFrom(type.get().payloadClass())
                && about.isString()
                && !about.asString().equals(caller.peerId())) {
            violations.add(new Violation(
                    "payload.peerId",
                    "own-peer",
                    "a peer may log only events about itself: payload.peerId must be the token's peer"));
        }
    }
}
