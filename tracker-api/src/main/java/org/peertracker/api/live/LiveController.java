package org.peertracker.api.live;

import org.peertracker.api.security.Caller;
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

    @GetMapping(path = "/api/v1/orgs/{orgId}/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter live(@PathVariable String orgId, @AuthenticationPrincipal Caller caller) {
        return streams.open(caller);
    }
}
