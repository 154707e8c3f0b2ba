package org.peertracker.api.dashboard;

import io.swagger.v3.oas.annotations.Operation;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.TemporalAdjusters;
import java.util.LinkedHashMap;
import java.util.Map;
import org.peertracker.api.campaign.Campaigns;
import org.peertracker.api.involvement.Involvement;
import org.peertracker.api.outreach.Outreach;
import org.peertracker.api.security.SmallCounts;
import org.peertracker.api.support.Cases;
import org.peertracker.api.system.ViewSettings;
import org.peertracker.events.Materials;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/orgs/{orgId}/dashboard}: the tiles a coordinator looks at first. */
@RestController
@RequestMapping("/api/v1/orgs/{orgId}/dashboard")
class DashboardController {

    private final Outreach outreach;
    private final Cases cases;
    private final Campaigns campaigns;
    private final Involvement involvement;
    private final ViewSettings settings;
    private final Clock clock;

    DashboardController(
            Outreach outreach,
            Cases cases,
            Campaigns campaigns,
            Involvement involvement,
            ViewSettings settings,
            Clock clock) {
        this.outreach = outreach;
        this.cases = cases;
        this.campaigns = campaigns;
        this.involvement = involvement;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * The tiles.
     *
     * @param materialsThisWeek        materials handed out (and needles returned) since Monday
     * @param referralsPending         referrals made and not yet closed, over all cases
     * @param shareCoDecidingOrLeading share (0..1) of this month's peer hours at co-deciding or leading level
     */
    record Tiles(
            String orgId,
            LocalDate today,
            long contactsToday,
            long peopleReachedToday,
            Map<String, Long> materialsThisWeek,
            long openCases,
            long referralsPending,
            long activeCampaigns,
            YearMonth month,
            double peerHoursThisMonth,
            double shareCoDecidingOrLeading,
            long activePeersThisMonth) {}

    @Operation(summary = "The tiles a coordinator looks at first")
    @GetMapping
    @SmallCounts(
            value = {
                "contactsToday",
                "peopleReachedToday",
                "openCases",
                "referralsPending",
                "peerHoursThisMonth",
                "activePeersThisMonth"
            },
            groups = @SmallCounts.Group("materialsThisWeek/?"),
            shares = @SmallCounts.Share(value = "shareCoDecidingOrLeading", of = "peerHoursThisMonth"),
            // campaigns are public acts, not people
            shown = {"orgId", "today", "month", "activeCampaigns"})
    Tiles tiles(@PathVariable String orgId) {
        var today = settings.today(clock);
        var monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        long contactsToday = 0;
        long reachedToday = 0;
        var materials = new LinkedHashMap<String, Long>();
        Materials.NONE.byName().keySet().forEach(name -> materials.put(name, 0L));
        for (var day : outreach.days(orgId, monday, today, null)) {
            if (today.toString().equals(day.day())) {
                contactsToday += day.contacts();
                reachedToday += day.peopleReached();
            }
            day.materials().forEach((name, count) -> materials.merge(name, count, Long::sum));
        }
        var month = settings.thisMonth(clock);
        var figures = involvement.of(orgId, month).all();
        return new Tiles(
                orgId,
                today,
                contactsToday,
                reachedToday,
                materials,
                cases.countOpen(orgId),
                cases.referralsPending(orgId),
                campaigns.countActive(orgId),
                month,
                figures.hours(),
                figures.shareCoDecidingOrLeading(),
                figures.activePeers());
    }
}
