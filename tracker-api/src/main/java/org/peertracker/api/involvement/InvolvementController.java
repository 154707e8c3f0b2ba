package org.peertracker.api.involvement;

import io.swagger.v3.oas.annotations.Operation;
import java.time.Clock;
import java.time.YearMonth;
import org.peertracker.api.security.Caller;
import org.peertracker.api.security.SmallCounts;
import org.peertracker.api.security.SmallCounts.Group;
import org.peertracker.api.security.SmallCounts.Share;
import org.peertracker.api.system.NotFound;
import org.peertracker.api.system.Paging;
import org.peertracker.api.system.ViewSettings;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Peers and the monthly involvement figures. */
@RestController
@RequestMapping("/api/v1/orgs/{orgId}")
class InvolvementController {

    private final Involvement involvement;
    private final Peers peers;
    private final ViewSettings settings;
    private final Clock clock;

    InvolvementController(Involvement involvement, Peers peers, ViewSettings settings, Clock clock) {
        this.involvement = involvement;
        this.peers = peers;
        this.settings = settings;
        this.clock = clock;
    }

    @Operation(summary = "A month's figures of meaningful involvement, per setting and for all peers")
    @GetMapping("/involvement/monthly")
    // compensation is left undeclared: what few peers were paid is their income, not for aggregate readers
    @SmallCounts(
            shown = {"orgId", "month"},
            groups = {
                @Group(
                        value = "bySetting/*/hoursByLevel/?",
                        total = "bySetting/*/hours",
                        dependents = "bySetting/*/shareCoDecidingOrLeading"),
                @Group(value = "bySetting/*/hoursByRole/?", total = "bySetting/*/hours"),
                @Group(value = "all/hoursByLevel/?", total = "all/hours", dependents = "all/shareCoDecidingOrLeading"),
                @Group(value = "all/hoursByRole/?", total = "all/hours"),
                // the settings side by side add up to all
                @Group(value = "bySetting/?/activePeers", total = "all/activePeers"),
                @Group(value = "bySetting/?/hours", total = "all/hours"),
                @Group(value = "bySetting/?/trainings", total = "all/trainings"),
                @Group(value = "bySetting/?/trainingHours", total = "all/trainingHours"),
                @Group(value = "bySetting/?/hoursByLevel/*", total = "all/hoursByLevel/*"),
                @Group(value = "bySetting/?/hoursByRole/*", total = "all/hoursByRole/*")
            },
            shares = {
                @Share(value = "bySetting/*/shareCoDecidingOrLeading", of = "hours"),
                @Share(value = "all/shareCoDecidingOrLeading", of = "hours")
            })
    Involvement.Month monthly(@PathVariable String orgId, @RequestParam(required = false) YearMonth month) {
        return involvement.of(orgId, month != null ? month : settings.thisMonth(clock));
    }

    @Operation(summary = "Peers, in order of their ids")
    @GetMapping("/peers")
    Paging.Page<Peers.Peer> peers(
            @PathVariable String orgId,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        var paging = Paging.of(page, size);
        return peers.list(orgId).page(paging);
    }

    /** A peer reads only its own record: another's is answered exactly as a missing one. */
    @Operation(summary = "One peer's record; a peer reads only its own")
    @GetMapping("/peers/{peerId}")
    Peers.Peer peer(@PathVariable String orgId, @PathVariable String peerId, @AuthenticationPrincipal Caller caller) {
        if (caller.isPeer() && !caller.peerId().equals(peerId)) {
            throw new NotFound("peer", "peerId");
        }
        return peers.find(orgId, peerId).orElseThrow(() -> new NotFound("peer", "peerId"));
    }

    /** A peer reads only its own month, as its own record: another's is answered exactly as a missing peer. */
    @Operation(summary = "One peer's involvement in a month (this month by default); a peer reads only its own")
    @GetMapping("/peers/{peerId}/involvement")
    Involvement.PeerMonth peerMonth(
            @PathVariable String orgId,
            @PathVariable String peerId,
            @RequestParam(required = false) YearMonth month,
            @AuthenticationPrincipal Caller caller) {
        if (caller.isPeer() && !caller.peerId().equals(peerId)) {
            throw new NotFound("peer", "peerId");
        }
        return involvement.ofPeer(orgId, peerId, month != null ? month : settings.thisMonth(clock));
    }
}
