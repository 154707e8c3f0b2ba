package org.peertracker.api.privacy;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.peertracker.api.security.Caller;
import org.peertracker.api.system.NotFound;
import org.peertracker.api.system.RequestProblem;
import org.peertracker.service.corrections.CorrectionSettings;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Erasures: of a client by its code (coordinators and admins), or of one event's texts (coordinators and admins; the
 * peer whose event it is, within its correction window). The code is in the body, never in a URL or a log.
 */
@RestController
@RequestMapping("/api/v1/orgs/{orgId}/erasures")
class ErasureController {

    private static final Pattern CLIENT_CODE = Pattern.compile("[A-Za-z0-9]{4,32}");

    private final Erasures erasures;
    private final CorrectionSettings corrections;
    private final Clock clock;

    ErasureController(Erasures erasures, CorrectionSettings corrections, Clock clock) {
        this.erasures = erasures;
        this.corrections = corrections;
        this.clock = clock;
    }

    /**
     * What to erase: a client by its code, or the texts of one event; exactly one of the two. The code is kept as the
     * JSON value it came as and never printed (Spring logs a request's body, as its toString, at DEBUG).
     */
    record ErasureRequest(
            @Schema(
                    type = "string",
                    pattern = "^[A-Za-z0-9]{4,32}$",
                    description = "the client's code, as at intake: erases the client")
            JsonNode clientCode,

            @Schema(type = "string", format = "uuid", description = "an event's id: erases its texts")
            JsonNode eventId) {

        @Override
        public String toString() {
            return "ErasureRequest[clientCode=…, eventId=" + eventId + "]";
        }
    }

    @Operation(
            summary = "Erase a client (by its code in the body: its reference and needs leave every view, nothing "
                    + "links the code to what was recorded) or the texts of one event (their keys destroyed)")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Erasures.Erasure erase(
            @PathVariable String orgId,
            @RequestBody(required = false) ErasureRequest request,
            @AuthenticationPrincipal Caller caller) {
        var code = request == null ? null : request.clientCode();
        var event = request == null ? null : request.eventId();
        if ((code == null || code.isNull()) == (event == null || event.isNull())) {
            throw RequestProblem.badParameter(
                    "clientCode", "one-of", "give either 'clientCode' (erase a client) or 'eventId' (erase a text)");
        }
        if (code != null && !code.isNull()) {
            if (!code.isString()
                    || !CLIENT_CODE.matcher(code.asString().strip()).matches()) {
                // the rule, never the value: a mistyped code is still a code
                throw RequestProblem.badParameter(
                        "clientCode", "pattern", "'clientCode' is 4 to 32 letters and digits, as at intake");
            }
            if (caller.isPeer()) {
                throw new RequestProblem(
                        HttpStatus.FORBIDDEN,
                        "Forbidden",
                        "only a coordinator or an admin erases a client",
                        "clientCode",
                        "coordinator-only");
            }
            return erasures.client(orgId, code.asString().strip(), caller);
        }
        var eventId = eventId(event);
        var logged = erasures.logged(orgId, eventId);
        if (caller.isPeer() && logged.isEmpty()) {
            // whose it is cannot be told before the activity log has it (moments after it was sent)
            throw new NotFound("logged event", "eventId");
        }
        if (caller.isPeer() && !isOwnWithinWindow(logged.get(), caller)) {
            throw new RequestProblem(
                    HttpStatus.FORBIDDEN,
                    "Forbidden",
                    "a peer erases the texts of its own events only, within "
                            + corrections.window().toDays() + " days of sending them",
                    "eventId",
                    "own-event-within-window");
        }
        var erasure = erasures.text(
                orgId, eventId, logged.map(Erasures.Logged::correctionIds).orElse(List.of()), caller);
        if (logged.isEmpty() && erasure.texts() == 0) {
            throw new NotFound("event", "eventId");
        }
        return erasure;
    }

    @Operation(summary = "The organisation's erasures, newest first: what and how much, never whose")
    @GetMapping
    Audit list(@PathVariable String orgId, @RequestParam(required = false) Integer limit) {
        int max = limit == null ? 100 : limit;
        if (max < 1 || max > 1000) {
            throw RequestProblem.badParameter("limit", "range", "'limit' is from 1 to 1000");
        }
        return new Audit(orgId, erasures.list(orgId, max));
    }

    /** The organisation's erasures, newest first. */
    record Audit(String orgId, List<Erasures.Erasure> items) {}

    private boolean isOwnWithinWindow(Erasures.Logged event, Caller caller) {
        return caller.peerId().equals(event.peerId())
                && event.receivedAt() != null
                && !clock.instant().isAfter(event.receivedAt().plus(corrections.window()));
    }

    private static String eventId(JsonNode event) {
        if (event.isString()) {
            try {
                return UUID.fromString(event.asString()).toString();
            } catch (IllegalArgumentException e) {
                // answered below
            }
        }
        throw RequestProblem.badParameter("eventId", "format", "'eventId' is a UUID");
    }
}
