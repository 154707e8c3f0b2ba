package org.peertracker.api.intake;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.peertracker.api.security.Caller;
import org.peertracker.api.system.RequestProblem;
import org.peertracker.events.EventCodec;
import org.peertracker.events.EventType;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/v1/orgs/{orgId}/events}: one event, or an array of up to 500. Answers 202 when at least one
 * event was accepted, 422 when none was, and 503 with {@code Retry-After} when Kafka did not acknowledge accepted
 * events in time (the body then carries one result per event) or when the intake is busy (before the body is read).
 */
@RestController
@RequestMapping(IntakeController.PATH)
class IntakeController {

    static final String PATH = "/api/v1/orgs/{orgId}/events";

    static final String EVENTS_METER = "tracker.intake.events";

    /** The type tag of an event whose type is none the intake knows: the tag's values stay a closed set. */
    static final String UNKNOWN_TYPE = "unknown";

    private final Intake intake;
    private final IntakeProperties properties;
    private final IntakeLimiter limiter;

    private final RuleMessages messages;
    private final MeterRegistry registry;

    IntakeController(
            Intake intake,
            IntakeProperties properties,
            IntakeLimiter limiter,
            RuleMessages messages,
            MeterRegistry registry) {
        this.registry = registry;
        this.messages = messages;
        this.intake = intake;
        this.properties = properties;
        this.limiter = limiter;
    }

    @Operation(summary = "Log one event, or an array of up to 500", description = """
            Each event is checked against its JSON Schema (GET /api/v1/schemas/{type}) and the intake's rules, and \
            answered on its own: accepted (on Kafka), rejected (with the field and rule), or not-accepted (Kafka did \
            not acknowledge in time: re-send the same eventIds). Re-sending an accepted event changes nothing.""")
    @PostMapping(
            consumes = {MediaType.APPLICATION_JSON_VALUE, "application/*+json"},
            produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    ResponseEntity<?> post(
            @PathVariable String orgId, HttpServletRequest request, @AuthenticationPrincipal Caller caller)
            throws IOException {
        // before the body is read: a refused request costs no more than its headers
        if (!limiter.tryAcquire()) {
            return busy();
        }
        try {
            return take(orgId, request, caller);
        } finally {
            limiter.release();
        }
    }

    private ResponseEntity<?> take(String orgId, HttpServletRequest request, Caller caller) throws IOException {
        var events = events(read(request));
        // the rules' names stay; their messages follow Accept-Language (Dutch or English), English without one
        var locale = request.getHeader(HttpHeaders.ACCEPT_LANGUAGE) == null
                ? Locale.ENGLISH
                : RuleMessages.answering(request.getLocale());
        var types = events.stream()
                .map(e -> e.path("type").isString() ? e.path("type").asString() : null)
                .toList();
        var results = messages.localise(intake.take(caller, orgId, events, locale), locale, orgId, types);
        // by type and result only: which organisation sends how much is not the deployment's metrics' business
        results.stream()
                .collect(Collectors.groupingBy(
                        r -> List.of(typeTag(types.get(r.index())), r.status()), Collectors.counting()))
                .forEach((tags, n) -> Counter.builder(EVENTS_METER)
                        .description("events answered by the intake, by their type and per-event result")
                        .tag("type", tags.get(0))
                        .tag("result", tags.get(1))
                        .register(registry)
                        .increment(n));
        long accepted = count(results, EventResult.ACCEPTED);
        long unacknowledged = count(results, EventResult.NOT_ACCEPTED);
        var summary = Map.of(
                "accepted",
                accepted,
                "rejected",
                count(results, EventResult.REJECTED),
                "notAccepted",
                unacknowledged,
                "conflicts",
                count(results, EventResult.CONFLICT));
        if (unacknowledged > 0) {
            var problem = problem(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "Events not accepted",
                    unacknowledged + " event(s) could not be stored in time; re-send them with the same eventIds",
                    results,
                    summary);
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(
                            "Retry-After",
                            String.valueOf(properties.retryAfter().toSeconds()))
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem);
        }
        if (accepted == 0) {
            var problem = problem(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "No event accepted",
                    "every event broke a rule; see the errors of each",
                    results,
                    summary);
            return ResponseEntity.unprocessableContent()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem);
        }
        return ResponseEntity.accepted().body(new IntakeResponse(summary, results));
    }

    /** A type the intake knows, as sent; {@link #UNKNOWN_TYPE} for anything else, which a caller may make up. */
    private static String typeTag(String type) {
        return type == null
                ? UNKNOWN_TYPE
                : EventType.byToken(type).map(EventType::token).orElse(UNKNOWN_TYPE);
    }

    record IntakeResponse(Map<String, Long> summary, List<EventResult> results) {}

    private ResponseEntity<ProblemDetail> busy() {
        var problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.SERVICE_UNAVAILABLE,
                "the API is busy: it takes " + limiter.limit()
                        + " requests with events at once; re-send the same events after Retry-After");
        problem.setTitle("Intake busy");
        problem.setType(URI.create("about:blank"));
        problem.setProperty("field", "(request)");
        problem.setProperty("rule", "max-concurrent-requests");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", String.valueOf(properties.retryAfter().toSeconds()))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    /** Reads at most the limit (plus one byte to notice more), whatever Content-Length claims. */
    private byte[] read(HttpServletRequest request) throws IOException {
        long limit = properties.maxBodySize().toBytes();
        if (request.getContentLengthLong() > limit) {
            throw tooLarge();
        }
        var body = request.getInputStream().readNBytes((int) limit + 1);
        if (body.length > limit) {
            throw tooLarge();
        }
        return body;
    }

    private RequestProblem tooLarge() {
        return new RequestProblem(
                HttpStatus.CONTENT_TOO_LARGE,
                "Request too large",
                "the body may hold at most " + properties.maxBodySize().toKilobytes() + " KiB; send smaller batches",
                "(body)",
                "max-body-size");
    }

    private List<JsonNode> events(byte[] body) {
        JsonNode root;
        try {
            // exactly as sent, so that 1e-400 reaches the number checks as such, not as the 0 a double makes of it
            root = EventCodec.exactReader().readTree(body);
        } catch (NumberFormatException e) {
            throw new RequestProblem(
                    HttpStatus.BAD_REQUEST,
                    "Number out of range",
                    "a number in the body has an exponent beyond any value an event can hold",
                    "(body)",
                    "number-range");
        } catch (StreamConstraintsException e) {
            var limits = EventCodec.mapper().tokenStreamFactory().streamReadConstraints();
            throw new RequestProblem(
                    HttpStatus.BAD_REQUEST,
                    "JSON beyond limits",
                    "the body goes beyond what the intake reads: numbers of at most " + limits.getMaxNumberLength()
                            + " digits, names of at most " + limits.getMaxNameLength() + " characters, nesting at most "
                            + limits.getMaxNestingDepth() + " levels deep",
                    "(body)",
                    "json-limits");
        } catch (JacksonException e) {
            var where = e.getLocation() == null
                    ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr();
            throw new RequestProblem(
                    HttpStatus.BAD_REQUEST,
                    "Malformed JSON",
                    "the body is not well-formed JSON" + where,
                    "(body)",
                    "json");
        }
        if (root == null || root.isMissingNode() || !(root.isObject() || root.isArray())) {
            throw new RequestProblem(
                    HttpStatus.BAD_REQUEST,
                    "Not an event",
                    "the body must be an event object or an array of events",
                    "(body)",
                    "event-or-array");
        }
        if (root.isObject()) {
            return List.of(root);
        }
        if (root.size() > properties.maxEvents()) {
            throw new RequestProblem(
                    HttpStatus.CONTENT_TOO_LARGE,
                    "Too many events",
                    "a request may hold at most " + properties.maxEvents() + " events; it held " + root.size(),
                    "(body)",
                    "max-events");
        }
        if (root.isEmpty()) {
            throw new RequestProblem(
                    HttpStatus.UNPROCESSABLE_CONTENT, "No events", "the array holds no events", "(body)", "min-events");
        }
        var events = new ArrayList<JsonNode>(root.size());
        root.forEach(events::add);
        return events;
    }

    private static ProblemDetail problem(
            HttpStatus status, String title, String detail, List<EventResult> results, Map<String, Long> summary) {
        var problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setType(URI.create("about:blank"));
        problem.setProperty("summary", summary);
        problem.setProperty("results", results);
        return problem;
    }

    private static long count(List<EventResult> results, String status) {
        return results.stream().filter(r -> r.status().equals(status)).count();
    }
}
