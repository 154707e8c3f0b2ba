package org.peertracker.api.campaign;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.peertracker.api.security.SmallCounts;
import org.peertracker.api.security.SmallCounts.Group;
import org.peertracker.api.system.NotFound;
import org.peertracker.api.system.Paging;
import org.peertracker.api.system.RequestProblem;
import org.peertracker.api.system.Views;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Campaigns: {@code GET .../campaigns?status=active|closed} and {@code GET .../campaigns/{campaignId}}. */
@RestController
@RequestMapping("/api/v1/orgs/{orgId}/campaigns")
class CampaignController {

    private final Views views;

    CampaignController(Views views) {
        this.views = views;
    }

    // Left undeclared: the peers; the outcomes (free text, and a row per event with its id and time), whose counts
    // by level are shown instead; and the times of single acts (launched, closed, last active). Name, goal and
    // cities are what a campaign says and does in public.
    @GetMapping
    @SmallCounts(value = {"items/*/participants", "items/*/audience", "items/*/mediaHits"},
            groups = {@Group(value = "items/*/actionsByKind/?", total = "items/*/actions"),
                    @Group("items/*/outcomesByLevel/?")},
            shown = {"page", "size", "total", "items/*/campaignId", "items/*/name", "items/*/goal", "items/*/status",
                    "items/*/startsOn", "items/*/endsOn", "items/*/cities/*"})
    Paging.Page<Map<String, Object>> list(@PathVariable String orgId, @RequestParam(required = false) String status,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        var paging = Paging.of(page, size);
        var filter = filter(orgId, status);
        var campaigns = views.collection("campaigns");
        var items = new ArrayList<Map<String, Object>>();
        campaigns.find(filter).sort(Paging.latestFirst("lastActivityAt")).skip(paging.skip()).limit(paging.size())
                .forEach(doc -> items.add(served(doc)));
        return paging.of(items, campaigns.countDocuments(filter));
    }

    // declared as the list is
    @GetMapping("/{campaignId}")
    @SmallCounts(value = {"participants", "audience", "mediaHits"},
            groups = {@Group(value = "actionsByKind/?", total = "actions"), @Group("outcomesByLevel/?")},
            shown = {"campaignId", "name", "goal", "status", "startsOn", "endsOn", "cities/*"})
    Map<String, Object> find(@PathVariable String orgId, @PathVariable String campaignId) {
        var doc = views.collection("campaigns").find(eq("_id", orgId + "|" + campaignId)).first();
        if (doc == null) {
            throw new NotFound("campaign", "campaignId");
        }
        return served(doc);
    }

    static Bson filter(String orgId, String status) {
        if (status == null) {
            return eq("orgId", orgId);
        }
        return switch (status) {
            case "active" -> and(eq("orgId", orgId), exists("closedAt", false));
            case "closed" -> and(eq("orgId", orgId), exists("closedAt"));
            default -> throw RequestProblem.badParameter("status", "enum", "'status' is active or closed");
        };
    }

    private static Map<String, Object> served(Document doc) {
        var served = Views.served(doc);
        Views.lift(served, "launch");
        served.put("status", doc.containsKey("closedAt") ? "closed" : "active");
        served.putIfAbsent("cities", List.of());
        return served;
    }
}
