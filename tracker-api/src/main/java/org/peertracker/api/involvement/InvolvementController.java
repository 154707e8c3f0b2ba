package org.peertracker.api.involvement;

import static com.mongodb.client.model.Filters.eq;

import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Map;
import org.bson.Document;
import org.peertracker.api.security.Caller;
import org.peertracker.api.security.SmallCounts;
import org.peertracker.api.security.SmallCounts.Group;
import org.peertracker.api.security.SmallCounts.Share;
import org.peertracker.api.system.NotFound;
import org.peertracker.api.system.Paging;
import org.peertracker.api.system.ViewSettings;
import org.peertracker.api.system.Views;
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

    private final Views views;
    private final Involvement involvement;
    private final ViewSettings settings;
    private final Clock clock;

    InvolvementController(Views views, Involvement involvement, ViewSettings settings, Clock clock) {
        this.views = views;
        this.involvement = involvement;
        this.settings = settings;
        this.clock = clock;
    }

    @GetMapping("/involvement/monthly")
    // compensation is left undeclared: what few peers were paid is their income, not for aggregate readers
    @SmallCounts(shown = {"orgId", "month"},
            groups = {
                    @Group(value = "bySetting/*/hoursByLevel/?", total = "bySetting/*/hours",
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
                    @Group(value = "bySetting/?/hoursByRole/*", total = "all/hoursByRole/*")},
            shares = {@Share(value = "bySetting/*/shareCoDecidingOrLeading", of = "hours"),
                    @Share(value = "all/shareCoDecidingOrLeading", of = "hours")})
    Involvement.Month monthly(@PathVariable String orgId, @RequestParam(required = false) YearMonth month) {
        return involvement.of(orgId, month != null ? month : settings.thisMonth(clock));
    }

    @GetMapping("/peers")
    Paging.Page<Map<String, Object>> peers(@PathVariable String orgId, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        var paging = Paging.of(page, size);
        var peers = views.collection("peers");
        var items = new ArrayList<Map<String, Object>>();
        peers.find(eq("orgId", orgId)).sort(new Document("peerId", 1)).skip(paging.skip()).limit(paging.size())
                .forEach(doc -> items.add(served(doc)));
        return paging.of(items, peers.countDocuments(eq("orgId", orgId)));
    }

    /** A peer reads only its own record: another's is answered exactly as a missing one. */
    @GetMapping("/peers/{peerId}")
    Map<String, Object> peer(@PathVariable String orgId, @PathVariable String peerId,
            @AuthenticationPrincipal Caller caller) {
        var doc = caller.isPeer() && !caller.peerId().equals(peerId) ? null
                : views.collection("peers").find(eq("_id", orgId + "|" + peerId)).first();
        if (doc == null) {
            throw new NotFound("peer", "peerId");
        }
        return served(doc);
    }

    /** A peer as served: active roles listed (assigned later than ended), money in units. */
    static Map<String, Object> served(Document doc) {
        var served = Views.served(doc);
        Views.lift(served, "joining");
        var active = new ArrayList<String>();
        if (doc.get("roles") instanceof Document roles) {
            roles.forEach((role, value) -> {
                var times = (Document) value;
                var assigned = times.getDate("assignedAt");
                var ended = times.getDate("endedAt");
                if (assigned != null && (ended == null || assigned.after(ended))) {
                    active.add(role);
                }
            });
        }
        served.put("activeRoles", active);
        served.put("status", doc.containsKey("leftAt") ? "left" : doc.containsKey("joinedAt") ? "active" : "unjoined");
        served.put("compensation", units(doc, "compensationCents"));
        served.put("compensationByRole", units(doc, "compensationCentsByRole"));
        served.remove("compensationCents");
        served.remove("compensationCentsByRole");
        return served;
    }

    private static Map<String, Double> units(Document doc, String centsField) {
        var units = new java.util.TreeMap<String, Double>();
        Views.counts(doc, centsField).forEach((key, cents) -> units.put(key, cents.longValue() / 100.0));
        return units;
    }
}
