package org.peertracker.api.outreach;

import io.swagger.v3.oas.annotations.Operation;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import org.peertracker.api.security.Caller;
import org.peertracker.api.security.SmallCounts;
import org.peertracker.api.security.SmallCounts.Group;
import org.peertracker.api.system.NotFound;
import org.peertracker.api.system.Paging;
import org.peertracker.api.system.Ranges;
import org.peertracker.api.system.ViewSettings;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Outreach: daily figures per area, sessions, the signal feed, and the distinct clients reached per month. */
@RestController
@RequestMapping("/api/v1/orgs/{orgId}/outreach")
class OutreachController {

    private final Outreach outreach;
    private final ViewSettings settings;
    private final Clock clock;

    OutreachController(Outreach outreach, ViewSettings settings, Clock clock) {
        this.outreach = outreach;
        this.settings = settings;
        this.clock = clock;
    }

    /** Days from {@code from} to {@code to}, both included; the last 7 days by default. */
    @Operation(summary = "Outreach figures per day and area, the last 7 days by default")
    @GetMapping("/daily")
    @SmallCounts(
            shown = {"orgId", "from", "to", "days/*/day", "days/*/area"},
            groups = {
                @Group("days/*/materials/?"),
                // the areas of one day add up to the day's figures (the dashboard shows today's)
                @Group(value = "days/?/sessions", partitionBy = "day"),
                @Group(value = "days/?/contacts", partitionBy = "day"),
                @Group(value = "days/?/newContacts", partitionBy = "day"),
                @Group(value = "days/?/peopleReached", partitionBy = "day"),
                @Group(value = "days/?/signals", partitionBy = "day"),
                @Group(value = "days/?/materials/*", partitionBy = "day")
            })
    Outreach.DailyFigures daily(
            @PathVariable String orgId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) String area) {
        var days = Ranges.days(from, to, settings.today(clock), Outreach.DAILY_DAYS);
        return outreach.daily(orgId, days.first(), days.last(), area);
    }

    /**
     * The distinct clients reached per month from {@code from} to {@code to} (months, both included; the last 12 by
     * default): in all and per area, the clients of cases under {@code (none)}. The areas of a month are a group whose
     * total is the month's, although a client met in two areas counts once in it: it is close enough to the areas'
     * sum that a small area could be told from the others.
     */
    @Operation(
            summary = "Distinct clients reached per month, in all and per area (contacts with a client code, and the "
                    + "clients of cases opened that month under (none)); the last 12 months by default")
    @GetMapping("/clients-reached")
    @SmallCounts(
            shown = {"orgId", "from", "to", "months/*/month"},
            groups = {@Group(value = "months/*/areas/?", total = "months/*/clients")})
    Outreach.Reached clientsReached(
            @PathVariable String orgId,
            @RequestParam(required = false) YearMonth from,
            @RequestParam(required = false) YearMonth to) {
        var last = to != null ? to : settings.thisMonth(clock);
        var first = from != null ? from : last.minusMonths(Ranges.MAX_MONTHS - 1);
        Ranges.checkMonths(first, last);
        return outreach.clientsReached(orgId, first, last);
    }

    /**
     * Sessions active from {@code from} to {@code to} (by last activity), newest first; {@code peerId}'s when given. A
     * peer's list holds only the sessions it took part in, whatever {@code peerId} asks for.
     */
    @Operation(
            summary = "Outreach sessions active in a range of days (the last 30 by default), newest first; "
                    + "a peer gets only those it took part in")
    @GetMapping("/sessions")
    Paging.Page<Outreach.Session> sessions(
            @PathVariable String orgId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) String peerId,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size,
            @AuthenticationPrincipal Caller caller) {
        var days = Ranges.days(from, to, settings.today(clock), Outreach.SESSION_DAYS);
        var whose = caller.isPeer() ? caller.peerId() : peerId;
        var paging = Paging.of(page, size);
        return outreach.sessions(orgId, days.first(), days.last(), settings.zone(), whose)
                .page(paging);
    }

    /** A peer reads only the sessions it took part in: another is answered exactly as a missing one. */
    @Operation(summary = "One outreach session; a peer reads only those it took part in")
    @GetMapping("/sessions/{sessionId}")
    Outreach.Session session(
            @PathVariable String orgId, @PathVariable String sessionId, @AuthenticationPrincipal Caller caller) {
        return outreach.session(orgId, sessionId)
                .filter(found -> !caller.isPeer()
                        || (found.peers() != null && found.peers().contains(caller.peerId())))
                .orElseThrow(() -> new NotFound("session", "sessionId"));
    }

    /** The signal feed, newest first, since an instant (the last 7 days by default). */
    @Operation(summary = "The signal feed since an instant (the last 7 days by default), newest first")
    @GetMapping("/signals")
    Paging.Page<Outreach.Signal> signals(
            @PathVariable String orgId,
            @RequestParam(required = false) Instant since,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        var paging = Paging.of(page, size);
        return outreach.signals(orgId, since != null ? since : clock.instant().minus(7, ChronoUnit.DAYS))
                .page(paging);
    }
}
