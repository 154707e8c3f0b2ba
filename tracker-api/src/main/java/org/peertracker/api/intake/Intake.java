package org.peertracker.api.intake;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.peertracker.api.security.Caller;
import org.peertracker.events.CorrectionPayload;
import org.peertracker.events.Event;
import org.peertracker.events.EventCodec;
import org.peertracker.events.EventFormatException;
import org.peertracker.events.EventSchemas;
import org.peertracker.events.Submitter;
import org.peertracker.events.Violation;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * Takes a request's events: each is checked against its schema and the intake's rules, the good ones are
 * pseudonymised, stamped with {@code receivedAt} and published; every event gets its own result.
 */
@Service
class Intake {

    private final IntakeRules rules;
    private final WriteAuthority authority;
    private final CorrectionAuthority corrections;
    private final EventHistory history;
    private final Pseudonymiser pseudonymiser;
    private final EventPublisher publisher;
    private final IntakeProperties properties;
    private final Clock clock;

    Intake(
            IntakeRules rules,
            WriteAuthority authority,
            CorrectionAuthority corrections,
            EventHistory history,
            Pseudonymiser pseudonymiser,
            EventPublisher publisher,
            IntakeProperties properties,
            Clock clock) {
        this.rules = rules;
        this.authority = authority;
        this.corrections = corrections;
        this.history = history;
        this.pseudonymiser = pseudonymiser;
        this.publisher = publisher;
        this.properties = properties;
        this.clock = clock;
    }

    List<EventResult> take(Caller caller, String orgId, List<JsonNode> nodes) {
        return take(caller, orgId, nodes, Locale.ENGLISH);
    }

    /** Takes a request's events; the schemas' messages in {@code locale}'s language. */
    List<EventResult> take(Caller caller, String orgId, List<JsonNode> nodes, Locale locale) {
        var receivedAt = clock.instant();
        var submitter =
                new Submitter(caller.role().token(), caller.subject(), caller.isPeer() ? caller.peerId() : null);
        var events = new ArrayList<Event>(nodes.size());
        var violations = new ArrayList<List<Violation>>(nodes.size());
        for (var node : nodes) {
            var broken = new ArrayList<>(EventSchemas.validate(node, locale));
            broken.addAll(rules.check(caller, orgId, node));
            Event event = null;
            if (broken.isEmpty()) {
                try {
                    // when and by whom it was sent is the intake's to say, whatever a client sent
                    event = pseudonymiser
                            .pseudonymise(EventCodec.read(node))
                            .withReceivedAt(receivedAt)
                            .withSubmittedBy(submitter);
                } catch (EventFormatException e) {
                    // the schema let it through, yet it does not bind: still the client's error, never a 500
                    broken.add(new Violation(
                            "(event)", "binding", "the event cannot be read: a field has the wrong type"));
                } catch (Pseudonymiser.NoKeyForOrganisation e) {
                    broken.add(new Violation("payload.clientCode", "pseudonymisation-key", e.getMessage()));
                }
            }
            events.add(event);
            violations.add(broken);
        }
        // who may log what depends on what the views hold, and on the events before it in the request
        var bound = events.stream().filter(Objects::nonNull).toList();
        var authority = this.authority.begin(caller, orgId, bound);
        var recorded = recorded(orgId, bound);
        var earlier = new HashMap<String, Event>();
        var results = new ArrayList<EventResult>(nodes.size());
        var accepted = new ArrayList<Event>();
        var acceptedAt = new ArrayList<Integer>();
        for (int i = 0; i < nodes.size(); i++) {
            var node = nodes.get(i);
            var eventId = node.path("eventId").isString() ? node.path("eventId").asString() : null;
            var event = events.get(i);
            var broken = violations.get(i);
            var before = broken.isEmpty() ? recorded.get(event.eventId().toString()) : null;
            if (before != null && before.says(event)) {
                // a re-send after a lost answer: recorded already, as it was taken then, whatever the views say now
                results.add(new EventResult(i, eventId, EventResult.ACCEPTED, List.of()));
                continue;
            }
            if (before != null) {
                results.add(new EventResult(
                        i,
                        eventId,
                        EventResult.CONFLICT,
                        List.of(new Violation(
                                "eventId",
                                EventResult.CONFLICT,
                                "an event with this eventId was recorded with other content; it is not "
                                        + "changed by sending it again: send an event.amended to correct it"))));
                continue;
            }
            if (broken.isEmpty() && event.payload() instanceof CorrectionPayload) {
                broken.addAll(corrections.check(caller, event, recorded, earlier));
            }
            if (broken.isEmpty()) {
                var verdict = authority.check(event);
                if (verdict.undecided()) {
                    results.add(new EventResult(i, eventId, EventResult.NOT_ACCEPTED, verdict.violations()));
                    continue;
                }
                broken.addAll(verdict.violations());
            }
            if (!broken.isEmpty()) {
                results.add(EventResult.rejected(i, eventId, broken));
                continue;
            }
            accepted.add(event);
            earlier.put(event.eventId().toString(), event);
            acceptedAt.add(results.size());
            results.add(new EventResult(i, eventId, EventResult.ACCEPTED, List.of()));
        }
        var acknowledged = publisher.publish(accepted, properties.publishTimeout());
        for (int j = 0; j < acknowledged.size(); j++) {
            if (!acknowledged.get(j)) {
                int at = acceptedAt.get(j);
                results.set(at, results.get(at).withStatus(EventResult.NOT_ACCEPTED));
            }
        }
        return results;
    }

    /**
     * What the activity log holds of the request's events and of the targets of its corrections; nothing when it
     * cannot be read (a re-send is then left to the worker to drop, a correction to it to check).
     */
    private Map<String, EventHistory.Recorded> recorded(String orgId, List<Event> events) {
        var ids = new HashSet<String>();
        events.forEach(e -> {
            ids.add(e.eventId().toString());
            if (e.payload() instanceof CorrectionPayload correction) {
                ids.add(correction.targetEventId().toString());
            }
        });
        return history.of(orgId, ids);
    }
}
