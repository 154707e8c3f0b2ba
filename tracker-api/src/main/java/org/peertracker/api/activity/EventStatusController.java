package org.peertracker.api.activity;

import io.swagger.v3.oas.annotations.Operation;
import org.peertracker.api.security.Caller;
import org.peertracker.api.system.NotFound;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/orgs/{orgId}/events/{eventId}}: what became of an event (received, applied per view family,
 * dead-lettered, corrected, re-sent with other content). Field apps use it to show "counted".
 */
@RestController
class EventStatusController {

    private final EventStatuses statuses;

    EventStatusController(EventStatuses statuses) {
        this.statuses = statuses;
    }

    /** A peer reads only its own events (the envelope's peerId): another's is answered exactly as an unknown one. */
    @Operation(
            summary = "What became of an event: applied per view family, dead-lettered, voided or amended; "
                    + "a peer reads only its own; 404 while the event is not logged yet")
    @GetMapping("/api/v1/orgs/{orgId}/events/{eventId}")
    EventStatuses.EventStatus status(
            @PathVariable String orgId, @PathVariable String eventId, @AuthenticationPrincipal Caller caller) {
        return statuses.of(orgId, eventId)
                .filter(status -> !caller.isPeer() || caller.peerId().equals(status.peerId()))
                .orElseThrow(() -> new NotFound("event", "eventId"));
    }
}
