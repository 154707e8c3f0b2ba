package org.peertracker.api.activity;

import io.swagger.v3.oas.annotations.Operation;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.peertracker.api.system.Paging;
import org.peertracker.api.system.Ranges;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/orgs/{orgId}/activity?from=&to=&subject=&peerId=}: the organisation's events, newest first
 * (the last 7 days by default, at most 366 days); {@code subject} gives one case's, session's, campaign's or peer's
 * timeline.
 */
@RestController
@RequestMapping("/api/v1/orgs/{orgId}/activity")
class ActivityController {

    private final ActivityLog log;
    private final Clock clock;

    ActivityController(ActivityLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    @Operation(summary = "The organisation's events, newest first: a timeline of one subject or one peer")
    @GetMapping
    Paging.Page<ActivityLog.LoggedEvent> activity(
            @PathVariable String orgId,
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to,
            @RequestParam(required = false) String subject,
            @RequestParam(required = false) String peerId,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        var paging = Paging.of(page, size);
        var until = to != null ? to : clock.instant().plus(1, ChronoUnit.DAYS);
        var since = from != null ? from : until.minus(8, ChronoUnit.DAYS);
        Ranges.checkInstants(since, until, to != null);
        return log.list(orgId, since, until, subject, peerId).page(paging);
    }
}
