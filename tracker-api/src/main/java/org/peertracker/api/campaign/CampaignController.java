package org.peertracker.api.campaign;

import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.peertracker.api.security.SmallCounts;
import org.peertracker.api.security.SmallCounts.Group;
import org.peertracker.api.system.NotFound;
import org.peertracker.api.system.Paging;
import org.peertracker.api.system.RequestProblem;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Campaigns: {@code GET .../campaigns?status=active|closed} and {@code GET .../campaigns/{campaignId}}. */
@RestController
@RequestMapping("/api/v1/orgs/{orgId}/campaigns")
class CampaignController {

    private final Campaigns campaigns;

    CampaignController(Campaigns campaigns) {
        this.campaigns = campaigns;
    }

    // Left undeclared: the peers; the outcomes (free text, and a row per event with its id and time), whose counts
    // by level are shown instead; and the times of single acts (launched, closed, last active). Name, goal and
    // cities are what a campaign says and does in public.
    @Operation(summary = "Campaigns, active or closed, most recently active first")
    @GetMapping
    @SmallCounts(
            value = {"items/*/participants", "items/*/audience", "items/*/mediaHits"},
            groups = {
                @Group(value = "items/*/actionsByKind/?", total = "items/*/actions"),
                @Group("items/*/outcomesByLevel/?")
            },
            shown = {
                "page",
                "size",
                "total",
                "items/*/campaignId",
                "items/*/name",
                "items/*/goal",
                "items/*/status",
                "items/*/startsOn",
                "items/*/endsOn",
                "items/*/cities/*"
            })
    Paging.Page<Campaigns.Campaign> list(
            @PathVariable String orgId,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        var paging = Paging.of(page, size);
        if (status != null && !List.of(Campaigns.ACTIVE, Campaigns.CLOSED).contains(status)) {
            throw RequestProblem.badParameter("status", "enum", "'status' is active or closed");
        }
        return campaigns.list(orgId, status).page(paging);
    }

    // declared as the list is
    @Operation(summary = "One campaign")
    @GetMapping("/{campaignId}")
    @SmallCounts(
            value = {"participants", "audience", "mediaHits"},
            groups = {@Group(value = "actionsByKind/?", total = "actions"), @Group("outcomesByLevel/?")},
            shown = {"campaignId", "name", "goal", "status", "startsOn", "endsOn", "cities/*"})
    Campaigns.Campaign find(@PathVariable String orgId, @PathVariable String campaignId) {
        return campaigns.find(orgId, campaignId).orElseThrow(() -> new NotFound("campaign", "campaignId"));
    }
}
