package org.peertracker.api.intake;

import com.mongodb.MongoException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.peertracker.api.security.Caller;
import org.peertracker.api.support.Cases;
import org.peertracker.api.system.Views;
import org.peertracker.events.CaseOpened;
import org.peertracker.events.CorrectionPayload;
import org.peertracker.events.Event;
import org.peertracker.events.SupportPayload;
import org.peertracker.events.Violation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Who may log what about which case, where the answer depends on what was logged before. Checked against the views,
 * in the order of a request's events (a peer's other limits, which depend on the event alone, are
 * {@link IntakeRules}'):
 * <ul>
 * <li>a case is opened under a new caseId only: never one the view has opened, nor one opened earlier in the same
 * request (a re-send of the very opening is let through: the worker drops it as a duplicate) — rule
 * {@value #NEW_CASE}, for everyone;</li>
 * <li>a peer opens a case only under a caseId the view does not know at all, logs contacts, referrals and the
 * closing only on cases it owns (by the view, or opened by itself earlier in the same request, so that a phone that
 * was offline can send "open + contacts" at once) — rule {@value #OWN_CASE};</li>
 * <li>a peer corrects (voids or amends) a case's events only while the case is its own: not one the view says a
 * coordinator handed on — rule {@value #OWN_CASE} too (which events are its own to correct at all is
 * {@link CorrectionAuthority}'s).</li>
 * </ul>
 * The views lag the log by the projection's delay: two openings of one caseId sent within it both pass, and then
 * the first received wins in the view (see the worker's support projector). Only what needs them reads the views:
 * a coordinator's openings, and a peer's case events. When MongoDB cannot be read, a coordinator's openings are
 * taken as in that race, and a peer's case events are not taken now (to be sent again), never taken unchecked.
 */
@Component
class WriteAuthority {

    private static final Logger log = LoggerFactory.getLogger(WriteAuthority.class);

    static final String NEW_CASE = "new-case";
    static final String OWN_CASE = "own-case";

    /** What the views know of an organisation's cases, by caseId (those they do not know are absent). */
    @FunctionalInterface
    interface Standings {
        Map<String, Cases.Standing> of(String orgId, Collection<String> caseIds);
    }

    private final Standings standings;

    @Autowired
    WriteAuthority(Cases cases, Views views) {
        this((orgId, caseIds) -> views.whileReachable(() -> cases.standings(orgId, caseIds)));
    }

    WriteAuthority(Standings standings) {
        this.standings = standings;
    }

    /** Starts checking one request's events, with what the views know of the cases they name (one query). */
    Request begin(Caller caller, String orgId, List<Event> events) {
        var caseIds = events.stream()
                .map(e -> caseOf(caller, e))
                .filter(Objects::nonNull)
                .distinct()
                .toList();
        if (caseIds.isEmpty()) {
            return new Request(caller, Map.of(), false);
        }
        try {
            return new Request(caller, standings.of(orgId, caseIds), false);
        } catch (MongoException e) {
            log.warn(
                    "the views cannot be read ({}): case events are checked without them",
                    e.getClass().getSimpleName());
            return new Request(caller, Map.of(), true);
        }
    }

    /** The case whose standing the event's check needs, if any. */
    private static String caseOf(Caller caller, Event event) {
        if (event.payload() instanceof CaseOpened opened) {
            return opened.caseId();
        }
        if (!caller.isPeer()) {
            return null;
        }
        if (event.payload() instanceof SupportPayload support) {
            return support.caseId();
        }
        return correctedCase(event);
    }

    /** The case whose event a correction corrects; null for a correction of another kind of event. */
    private static String correctedCase(Event event) {
        return event.payload() instanceof CorrectionPayload correction
                        && correction.targetType().startsWith("case.")
                ? correction.subject()
                : null;
    }

    /**
     * What became of one event's check.
     *
     * @param undecided the views were needed and could not be read: neither taken nor refused, to be sent again
     */
    record Verdict(List<Violation> violations, boolean undecided) {

        static final Verdict TAKEN = new Verdict(List.of(), false);

        static Verdict refused(Violation violation) {
            return new Verdict(List.of(violation), false);
        }

        /** The views could not be read to say whose the case named by {@code field} is: to be sent again. */
        static Verdict undecided(String field) {
            return new Verdict(
                    List.of(new Violation(
                            field,
                            "views-unavailable",
                            "whose case this is cannot be checked now; send the event again later")),
                    true);
        }
    }

    /** The checks of one request: call {@link #check} for its acceptable events, in order. */
    static final class Request {

        private final Caller caller;
        private final Map<String, Cases.Standing> standings;
        private final boolean viewsUnreadable;
        /** Cases opened by an event of this request let through so far: caseId to the opening's event and peer. */
        private final Map<String, Event> openedHere = new HashMap<>();

        Request(Caller caller, Map<String, Cases.Standing> standings, boolean viewsUnreadable) {
            this.caller = caller;
            this.standings = standings;
            this.viewsUnreadable = viewsUnreadable;
        }

        /** The event's verdict; an event taken counts as logged for the events after it. */
        Verdict check(Event event) {
            var corrected = caller.isPeer() ? correctedCase(event) : null;
            if (corrected != null) {
                return correction(corrected);
            }
            if (!(event.payload() instanceof SupportPayload support)) {
                return Verdict.TAKEN;
            }
            var caseId = support.caseId();
            if (viewsUnreadable && caller.isPeer() && !openedHere.containsKey(caseId)) {
                return Verdict.undecided("payload.caseId");
            }
            var standing = standings.get(caseId);
            if (support instanceof CaseOpened) {
                return opening(event, caseId, standing);
            }
            var owner = openedHere.containsKey(caseId)
                    ? openedHere.get(caseId).peerId()
                    : standing == null ? null : standing.ownerPeerId();
            if (caller.isPeer() && !caller.peerId().equals(owner)) {
                return Verdict.refused(new Violation(
                        "payload.caseId",
                        OWN_CASE,
                        "a peer may log only about its own "
                                + "cases: this case is not (or not yet) yours; open it first, or ask a coordinator"));
            }
            return Verdict.TAKEN;
        }

        private static final Violation NOT_ITS_CASE = new Violation(
                "payload.targetEventId",
                OWN_CASE,
                "a peer may correct the events of its own cases only: this case is not yours (any more); ask a "
                        + "coordinator");

        /**
         * A peer's correction of a case's event: refused when the view says the case is another peer's now (handed on
         * by a coordinator). A case the view does not know yet (its events not projected) is left to the rules of
         * corrections, which let a peer correct only its own events.
         */
        private Verdict correction(String caseId) {
            if (openedHere.containsKey(caseId)) {
                return caller.peerId().equals(openedHere.get(caseId).peerId())
                        ? Verdict.TAKEN
                        : Verdict.refused(NOT_ITS_CASE);
            }
            if (viewsUnreadable) {
                return Verdict.undecided("payload.targetEventId");
            }
            var standing = standings.get(caseId);
            if (standing == null
                    || standing.ownerPeerId() == null
                    || caller.peerId().equals(standing.ownerPeerId())) {
                return Verdict.TAKEN;
            }
            return Verdict.refused(NOT_ITS_CASE);
        }

        private Verdict opening(Event event, String caseId, Cases.Standing standing) {
            var eventId = event.eventId().toString();
            boolean resent = standing != null && eventId.equals(standing.openingEventId())
                    || openedHere.containsKey(caseId)
                            && openedHere.get(caseId).eventId().equals(event.eventId());
            if (!resent) {
                // a peer may not take over a case id the view knows of, even one whose opening it has not seen yet
                boolean taken =
                        openedHere.containsKey(caseId) || standing != null && (standing.opened() || caller.isPeer());
                if (taken) {
                    return Verdict.refused(new Violation(
                            "payload.caseId",
                            NEW_CASE,
                            "a case with this caseId exists already: open a new case under a new caseId"));
                }
            }
            // whose the case is, for the events after it: the view's (its latest reassignment) once the view has the
            // opening, so that the opening sent again does not give the case back to its opener
            if (standing == null || !standing.opened()) {
                openedHere.putIfAbsent(caseId, event);
            }
            return Verdict.TAKEN;
        }
    }
}
