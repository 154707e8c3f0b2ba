package org.peertracker.api.live;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.peertracker.api.security.Caller;
import org.peertracker.views.ViewChange;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /api/v1/orgs/{orgId}/live}: Server-Sent Events of view changes — {@code ready} on connect,
 * {@code view-change} ({@code {view, ids, orgId}}) after the worker applied events, heartbeat comments every 15 s.
 * After a reconnect a page re-reads what it shows: notifications missed meanwhile are not replayed. Open streams are
 * capped per organisation and per token subject (429), and a stream ends when its token expires.
 */
@RestController
class LiveController {

    private final LiveStreams streams;

    LiveController(LiveStreams streams) {
        this.streams = streams;
    }

    @Operation(summary = "Server-Sent Events of view changes in the organisation", description = """
            Events: `ready` on connect; `view-change` after the worker applied events (an analyst's without ids); a \
            heartbeat comment every 15 s. After a reconnect, re-read what is shown: missed changes are not replayed.""")
    @ApiResponse(
            responseCode = "200",
            description = "the stream; each view-change event's data is a ViewChange",
            content =
                    @Content(
                            mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
                            schema = @Schema(implementation = ViewChange.class)))
    @ApiResponse(
            responseCode = "429",
            description = "too many streams open, per organisation or per token subject "
                    + "(rule max-streams-per-org or max-streams-per-subject); try again after Retry-After")
    @GetMapping(path = "/api/v1/orgs/{orgId}/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter live(@PathVariable String orgId, @AuthenticationPrincipal Caller caller) {
        return streams.open(caller);
    }
}
