package org.peertracker.api.intake;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.peertracker.api.privacy.ClientPseudonyms;
import org.peertracker.api.privacy.KeyTablesUnavailable;
import org.peertracker.api.privacy.OrgKeys;
import org.peertracker.api.privacy.Texts;
import org.peertracker.api.security.Caller;
import org.peertracker.events.CarriesClientCode;
import org.peertracker.events.CarriesFreeText;
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
 * pseudonymised (client codes replaced by the clients' references), their texts sealed, stamped with
 * {@code receivedAt} and published; every event gets its own result.
 */
@Service
class Intake {

    private final IntakeRules rules;
    private final WriteAuthority authority;
    private final CorrectionAuthority corrections;
    private final EventHistory history;
    private final OrgKeys keys;
    private final ClientPseudonyms pseudonyms;
    private final Texts texts;
    private final EventPublisher publisher;
    private final IntakeProperties properties;
    private final Clock clock;

    Intake(
            IntakeRules rules,
            WriteAuthority authority,
            CorrectionAuthority corrections,
            EventHistory history,
            OrgKeys keys,
            ClientPseudonyms pseudonyms,
            Texts texts,
            EventPublisher publisher,
            IntakeProperties properties,
            Clock clock) {
        this.rules = rules;
        this.authority = authority;
        this.corrections = corrections;
        this.history = history;
        this.keys = keys;
        this.pseudonyms = pseudonyms;
        this.texts = texts;
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
                    event = EventCodec.read(node).withReceivedAt(receivedAt).withSubmittedBy(submitter);
                    if (needsKeys(event) && !keys.has(orgId)) {
                        broken.add(new Violation(
                                "payload.clientCode", "pseudonymisation-key", OrgKeys.NoKeyForOrganisation.MESSAGE));
                        event = null;
                    }
                } catch (EventFormatException e) {
                    // the schema let it through, yet it does not bind: still the client's error, never a 500
                    broken.add(new Violation(
                            "(event)", "binding", "the event cannot be read: a field has the wrong type"));
                }
            }
            events.add(event);
            violations.add(broken);
        }
        // the clients' references come from the pseudonym table: without it, events naming a client wait
        var waiting = pseudonymise(orgId, events);
        // who may log what depends on what the views hold, and on the events before it in the request
        var bound = new ArrayList<Event>();
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i) != null && !waiting.contains(i)) {
                bound.add(events.get(i));
            }
        }
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
            if (waiting.contains(i)) {
                results.add(new EventResult(i, eventId, EventResult.NOT_ACCEPTED, List.of(TABLE_UNAVAILABLE)));
                continue;
            }
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
        List<Event> sealed;
        try {
            sealed = texts.seal(orgId, accepted);
        } catch (KeyTablesUnavailable e) {
            // the texts' keys cannot be kept: nothing is published, every accepted event is to be sent again
            sealed = null;
        }
        var acknowledged = sealed == null
                ? accepted.stream().map(e -> false).toList()
                : publisher.publish(sealed, properties.publishTimeout());
        for (int j = 0; j < acknowledged.size(); j++) {
            if (!acknowledged.get(j)) {
                int at = acceptedAt.get(j);
                results.set(at, results.get(at).withStatus(EventResult.NOT_ACCEPTED));
            }
        }
        return results;
    }

    private static final Violation TABLE_UNAVAILABLE = new Violation(
            "payload.clientCode",
            "pseudonym-table-unavailable",
            "the client's reference cannot be looked up now (the database is unreachable); send the event again");

    private static boolean needsKeys(Event event) {
        return (event.payload() instanceof CarriesClientCode<?> carrier && carrier.clientCode() != null)
                || event.payload() instanceof CarriesFreeText<?>;
    }

    /**
     * Replaces the client codes of the events in place by their references; when the pseudonym table cannot be
     * reached, the positions of the events that name a client, which wait (they are answered not-accepted).
     */
    private Set<Integer> pseudonymise(String orgId, List<Event> events) {
        var indexes = new ArrayList<Integer>();
        var naming = new ArrayList<Event>();
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i) != null
                    && events.get(i).payload() instanceof CarriesClientCode<?> carrier
                    && carrier.clientCode() != null) {
                indexes.add(i);
                naming.add(events.get(i));
            }
        }
        if (naming.isEmpty()) {
            return Set.of();
        }
        try {
            var replaced = pseudonyms.pseudonymise(orgId, naming);
            for (int j = 0; j < indexes.size(); j++) {
                events.set(indexes.get(j), replaced.get(j));
            }
            return Set.of();
        } catch (KeyTablesUnavailable e) {
            return Set.copyOf(indexes);
        }
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
        var found = history.of(orgId, ids);
        if (found.isEmpty()) {
            return found;
        }
        // the log holds texts sealed: a re-send is compared with what they say
        var entries = List.copyOf(found.values());
        try {
            var opened = texts.openAll(
                    orgId, entries.stream().map(EventHistory.Recorded::payload).toList());
            var readable = new HashMap<String, EventHistory.Recorded>();
            for (int i = 0; i < entries.size(); i++) {
                readable.put(entries.get(i).eventId(), entries.get(i).withPayload(opened.get(i)));
            }
            return readable;
        } catch (KeyTablesUnavailable e) {
            return found;
        }
    }
}
