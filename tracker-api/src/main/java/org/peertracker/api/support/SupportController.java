package org.peertracker.api.support;

import io.swagger.v3.oas.annotations.Operation;
import java.time.Clock;
import java.time.YearMonth;
import java.util.List;
import org.peertracker.api.security.Caller;
import org.peertracker.api.security.SmallCounts;
import org.peertracker.api.security.SmallCounts.Group;
import org.peertracker.api.system.NotFound;
import org.peertracker.api.system.Paging;
import org.peertracker.api.system.RequestProblem;
import org.peertracker.api.system.ViewSettings;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Case work: one case, lists of cases, caseloads per peer and referrals. */
@RestController
@RequestMapping("/api/v1/orgs/{orgId}/support")
class SupportController {

    private final Cases cases;
    private final ViewSettings settings;
    private final Clock clock;

    SupportController(Cases cases, ViewSettings settings, Clock clock) {
        this.cases = cases;
        this.settings = settings;
        this.clock = clock;
    }

    /** A peer reads only the cases it owns: another's is answered exactly as a missing one. */
    @Operation(summary = "One case; a peer reads only the cases it owns")
    @GetMapping("/cases/{caseId}")
    Cases.Case find(@PathVariable String orgId, @PathVariable String caseId, @AuthenticationPrincipal Caller caller) {
        return cases.find(orgId, caseId)
                .filter(found -> !caller.isPeer() || caller.peerId().equals(found.ownerPeerId()))
                .orElseThrow(() -> new NotFound("case", "caseId"));
    }

    /**
     * Cases, most recently active first; {@code status} is {@code open} or {@code closed}, {@code peerId} the owner.
     * A peer's list holds only its own cases, whatever {@code peerId} asks for.
     */
    @Operation(summary = "Cases, most recently active first; a peer gets only its own")
    @GetMapping("/cases")
    Paging.Page<Cases.Case> list(
            @PathVariable String orgId,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String peerId,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size,
            @AuthenticationPrincipal Caller caller) {
        if (status != null && !List.of(Cases.OPEN, Cases.CLOSED).contains(status)) {
            throw RequestProblem.badParameter("status", "enum", "'status' is open or closed");
        }
        var paging = Paging.of(page, size);
        if (caller.isPeer()) {
            if (peerId != null && !peerId.equals(caller.peerId())) {
                return paging.of(List.of(), 0);
            }
            peerId = caller.peerId();
        }
        return cases.list(orgId, status, peerId, paging);
    }

    @Operation(summary = "A month's caseload per peer, and the referrals by service and status")
    @GetMapping("/caseload")
    @SmallCounts(
            shown = {"orgId", "month"},
            // rows told apart, peers not named
            aliases = @SmallCounts.Alias(value = "peers/*/peerId", as = "peer"),
            groups = {
                // each column adds up over the peers (open cases to the dashboard's open cases)
                @Group("peers/?/openCases"),
                @Group("peers/?/contacts"),
                @Group("peers/?/minutes"),
                @Group("peers/?/casesOpened"),
                @Group("peers/?/casesClosed"),
                // referrals: statuses within a service, and services within a status
                @Group("referrals/*/?"),
                @Group("referrals/?/*")
            })
    Cases.Caseloads caseload(@PathVariable String orgId, @RequestParam(required = false) YearMonth month) {
        return cases.caseloads(orgId, month != null ? month : settings.thisMonth(clock));
    }
}
