package org.peertracker.api.feed;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import org.apache.kafka.common.errors.TimeoutException;
import org.peertracker.api.system.RequestProblem;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/v1/orgs/{orgId}/feed?after=&limit=&wait=}: the organisation's events as published on Kafka, in the
 * order Kafka received them, with a cursor to read on from; for systems that cannot reach Kafka. Read by the
 * organisation's integration clients, coordinators and admins (the security configuration's rule).
 */
@RestController
@RequestMapping("/api/v1/orgs/{orgId}/feed")
class FeedController {

    private final Feed feed;
    private final FeedProperties properties;
    private final Semaphore requests;

    FeedController(Feed feed, FeedProperties properties) {
        this.feed = feed;
        this.properties = properties;
        this.requests = new Semaphore(properties.maxConcurrentRequests());
    }

    /**
     * An answer of the feed.
     *
     * @param events the events as published: the envelope with {@code clientRef} instead of a client code and
     *               {@code receivedAt}, corrections ({@code event.voided}, {@code event.amended}) among them
     * @param next   the cursor to send as {@code after} to read on; the same as sent when nothing new was read
     */
    record FeedPage(
            @ArraySchema(schema = @Schema(type = "object", description = "an event as published"))
            List<JsonNode> events,

            String next) {}

    @Operation(
            summary = "The organisation's events as published, in the order the system received them",
            description = """
            Start without `after` (from the first event), then send each answer's `next` as `after`: every record \
            published comes exactly once, in the order Kafka received it within its partition (all events of one subject \
            share a partition), never by `occurredAt`, so an event synced late from an offline phone is not \
            skipped. Across partitions an answer interleaves events by receipt time. The cursor is durable: any API \
            instance, also after a restart, carries on from it. When nothing is new the request waits up to `wait` \
            seconds (0 to 30) for an event before answering with none. Events of other organisations are never \
            given; a cursor of another organisation's feed is refused (rule `same-organisation`).

            **Either way.** The feed carries what the Kafka topics carry (`tracker.support.v1`, \
            `tracker.outreach.v1`, `tracker.campaign.v1`, `tracker.peer.v1`; see the AsyncAPI document): a system \
            that can reach Kafka reads them with a consumer group of its own, ordered per partition (a subject's \
            events) and not across them, committing offsets after handling. Both ways are at least once: keep \
            `next` only after handling the answer's events (a crash in between gives the page again), and an \
            event a field app sent twice is published twice with the same `eventId`, so handle each `eventId` \
            once. Apply `event.voided` and `event.amended` as the AsyncAPI document's Corrections say.""")
    @ApiResponse(responseCode = "200", description = "events (possibly none) and the cursor to read on from")
    @ApiResponse(
            responseCode = "429",
            description = "too many feed requests on this instance (rule `max-concurrent-requests`); "
                    + "try again after Retry-After")
    @ApiResponse(responseCode = "503", description = "Kafka cannot be reached just now; try again after Retry-After")
    @GetMapping
    FeedPage read(
            @PathVariable String orgId,
            @Parameter(description = "the `next` of the previous answer; none: from the first event")
                    @RequestParam(required = false)
                    String after,
            @Parameter(description = "at most this many events (1 to 500, default 100)") @RequestParam(required = false)
                    Integer limit,
            @Parameter(description = "seconds to wait for an event when none is new (0 to 30, default 0)")
                    @RequestParam(required = false)
                    Integer wait) {
        int max = limit == null ? properties.defaultLimit() : limit;
        if (max < 1 || max > properties.maxLimit()) {
            throw RequestProblem.badParameter("limit", "range", "'limit' must be from 1 to " + properties.maxLimit());
        }
        int seconds = wait == null ? 0 : wait;
        if (seconds < 0 || seconds > properties.maxWait().toSeconds()) {
            throw RequestProblem.badParameter(
                    "wait",
                    "range",
                    "'wait' must be from 0 to " + properties.maxWait().toSeconds() + " seconds");
        }
        var cursor = after == null || after.isEmpty() ? FeedCursor.start(orgId) : FeedCursor.decode(orgId, after);
        if (!requests.tryAcquire()) {
            throw new RequestProblem(
                    HttpStatus.TOO_MANY_REQUESTS,
                    "Too many requests",
                    "the feed serves " + properties.maxConcurrentRequests() + " requests at once; try again shortly",
                    null,
                    "max-concurrent-requests",
                    properties.retryAfter());
        }
        try {
            var page = feed.read(cursor, max, Duration.ofSeconds(seconds));
            return new FeedPage(page.events(), page.next());
        } catch (TimeoutException e) {
            throw new RequestProblem(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "Kafka unavailable",
                    "the events cannot be read just now; try again in a few seconds",
                    null,
                    "kafka-available",
                    properties.retryAfter());
        } finally {
            requests.release();
        }
    }
}
