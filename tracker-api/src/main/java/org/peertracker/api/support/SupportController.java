package org.peertracker.api.support;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import java.time.Clock;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.peertracker.api.security.Caller;
import org.peertracker.api.security.SmallCounts;
import org.peertracker.api.security.SmallCounts.Group;
import org.peertracker.api.system.NotFound;
import org.peertracker.api.system.Paging;
import org.peertracker.api.system.RequestProblem;
import org.peertracker.api.system.ViewSettings;
import org.peertracker.api.system.Views;
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
    private final Views views;
    private final ViewSettings settings;
    private final Clock clock;

    SupportController(Cases cases, Views views, ViewSettings settings, Clock clock) {
        this.cases = cases;
        this.views = views;
        this.settings = settings;
        this.clock = clock;
    }

    /** A peer reads only the cases it owns: another's is answered exactly as a missing one. */
    @GetMapping("/cases/{caseId}")
    Cases.Case find(@PathVariable String orgId, @PathVariable String caseId, @AuthenticationPrincipal Caller caller) {
        var found = cases.find(orgId, caseId);
        if (found == null || caller.isPeer() && !caller.peerId().equals(found.ownerPeerId())) {
            throw new NotFound("case", "caseId");
        }
        return found;
    }

    /**
     * Cases, most recently active first; {@code status} is {@code open} or {@code closed}, {@code peerId} the owner.
     * A peer's list holds only its own cases, whatever {@code peerId} asks for.
     */
    @GetMapping("/cases")
    Paging.Page<Cases.Case> list(@PathVariable String orgId, @RequestParam(required = false) String status,
            @RequestParam(required = false) String peerId, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size, @AuthenticationPrincipal Caller caller) {
        if (status != null && !List.of("open", "closed").contains(status)) {
            throw RequestProblem.badParameter("status", "enum", "'status' is open or closed");
        }
        var paging = Paging.of(page, size);
        if (caller.isPeer()) {
            if (peerId != null && !peerId.equals(caller.peerId())) {
                return paging.of(List.of(), 0);
            }
            peerId = caller.peerId();
        }
        var filter = Cases.filter(orgId, status, peerId);
        return paging.of(cases.list(filter, paging.skip(), paging.size()), cases.count(filter));
    }

    /** One peer's load in a month: open cases owned now; contacts, minutes, cases opened and closed that month. */
    record Caseload(String peerId, long openCases, long contacts, long minutes, long casesOpened, long casesClosed) {
    }

    record Caseloads(String orgId, YearMonth month, List<Caseload> peers, Map<String, Map<String, Long>> referrals) {
    }

    @GetMapping("/caseload")
    @SmallCounts(shown = {"orgId", "month"},
            // rows told apart, peers not named
            aliases = @SmallCounts.Alias(value = "peers/*/peerId", as = "peer"),
            groups = {
                    // each column adds up over the peers (open cases to the dashboard's open cases)
                    @Group("peers/?/openCases"), @Group("peers/?/contacts"), @Group("peers/?/minutes"),
                    @Group("peers/?/casesOpened"), @Group("peers/?/casesClosed"),
                    // referrals: statuses within a service, and services within a status
                    @Group("referrals/*/?"), @Group("referrals/?/*")})
    Caseloads caseload(@PathVariable String orgId, @RequestParam(required = false) YearMonth month) {
        var when = month != null ? month : settings.thisMonth(clock);
        var open = cases.openCasesByOwner(orgId);
        var monthly = new TreeMap<String, org.bson.Document>();
        views.collection("support_caseload").find(and(eq("orgId", orgId), eq("month", when.toString())))
                .forEach(doc -> monthly.put(doc.getString("peerId"), doc));
        var peers = new java.util.TreeSet<String>(open.keySet());
        peers.addAll(monthly.keySet());
        var loads = peers.stream().map(peer -> {
            var doc = monthly.getOrDefault(peer, new org.bson.Document());
            return new Caseload(peer, open.getOrDefault(peer, 0L), Views.number(doc, "contacts"),
                    Views.number(doc, "minutes"), Views.number(doc, "casesOpened"), Views.number(doc, "casesClosed"));
        }).toList();
        return new Caseloads(orgId, when, loads, cases.referralsByService(orgId));
    }
}
