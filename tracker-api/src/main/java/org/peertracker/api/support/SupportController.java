package org.peertracker.api.support;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.time.YearMonth;
import java.util.List;
import java.util.regex.Pattern;
import org.peertracker.api.security.Caller;
import org.peertracker.api.security.ClientReferences;
import org.peertracker.api.security.SmallCounts;
import org.peertracker.api.security.SmallCounts.Group;
import org.peertracker.api.system.NotFound;
import org.peertracker.api.system.Paging;
import org.peertracker.api.system.RequestProblem;
import org.peertracker.api.system.ViewSettings;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Case work: one case, lists of cases, caseloads per peer and referrals. */
@RestController
@RequestMapping("/api/v1/orgs/{orgId}/support")
class SupportController {

    /** A client code as the intake takes it (case.opened's schema). */
    static final Pattern CLIENT_CODE = Pattern.compile("[A-Za-z0-9]{4,32}");

    private final Cases cases;
    private final ViewSettings settings;
    private final Clock clock;
    private final ClientReferences references;

    SupportController(Cases cases, ViewSettings settings, Clock clock, ClientReferences references) {
        this.references = references;
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
        return cases.list(orgId, status, peerId).page(paging);
    }

    /**
     * What a lookup is asked: a client code, in the body so that it is in no URL and no access log. The code is kept
     * as the JSON value it came as, so that nothing but a string is taken for a code, and is never printed (Spring
     * logs a request's body, as its toString, at DEBUG).
     */
    record ClientLookup(
            @Schema(type = "string", pattern = "^[A-Za-z0-9]{4,32}$", description = "the client's code, as at intake")
            JsonNode clientCode) {

        String code() {
            return clientCode != null && clientCode.isString() ? clientCode.asString() : null;
        }

        @Override
        public String toString() {
            return "ClientLookup[clientCode=…]";
        }
    }

    /**
     * The cases of one client the caller may read; for a peer its own, and whether the client has a case of another
     * peer too ({@code otherCases}), so that it can ask a coordinator. The code is hashed as the intake hashes it and
     * compared with the cases' client references; it is not logged, stored or echoed.
     */
    record CaseLookup(List<Cases.Case> cases, boolean otherCases) {}

    @Operation(
            summary = "Cases of a client, found by its client code in the body; a peer gets its own, and whether "
                    + "another peer's exists")
    @PostMapping("/cases/lookup")
    CaseLookup lookup(
            @PathVariable String orgId,
            @RequestBody(required = false) ClientLookup lookup,
            @AuthenticationPrincipal Caller caller) {
        // a string only, as the intake's schema says: no number or list turned into one
        var code = lookup == null ? null : lookup.code();
        if (code == null || !CLIENT_CODE.matcher(code.strip()).matches()) {
            // the rule, never the value: a mistyped code is still a code
            throw RequestProblem.badParameter(
                    "clientCode", "pattern", "'clientCode' is 4 to 32 letters and digits, as at intake");
        }
        var found = references
                .reference(orgId, code)
                .map(ref -> cases.ofClient(orgId, ref))
                .orElse(List.of());
        if (!caller.isPeer()) {
            return new CaseLookup(found, false);
        }
        var own = found.stream()
                .filter(c -> caller.peerId().equals(c.ownerPeerId()))
                .toList();
        return new CaseLookup(own, own.size() < found.size());
    }

    static final int DUE_WITHIN_DAYS = 7;
    static final int QUIET_FOR_DAYS = 21;

    /**
     * Follow-ups, most urgent first: referrals past their due date or due within {@code dueWithin} days (7), and open
     * cases without a contact for more than {@code quietFor} days (21). A peer gets those of its own cases.
     */
    @Operation(
            summary = "Follow-ups, most urgent first: referrals overdue or due soon, open cases without a recent "
                    + "contact; a peer gets its own")
    @GetMapping("/follow-ups")
    Cases.FollowUps followUps(
            @PathVariable String orgId,
            @RequestParam(required = false) Integer dueWithin,
            @RequestParam(required = false) Integer quietFor,
            @AuthenticationPrincipal Caller caller) {
        int due = dueWithin == null ? DUE_WITHIN_DAYS : dueWithin;
        int quiet = quietFor == null ? QUIET_FOR_DAYS : quietFor;
        if (due < 0 || due > 90) {
            throw RequestProblem.badParameter("dueWithin", "range", "'dueWithin' is a number of days from 0 to 90");
        }
        if (quiet < 1 || quiet > 365) {
            throw RequestProblem.badParameter("quietFor", "range", "'quietFor' is a number of days from 1 to 365");
        }
        return cases.followUps(
                orgId, caller.isPeer() ? caller.peerId() : null, settings.today(clock), settings.zone(), due, quiet);
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
