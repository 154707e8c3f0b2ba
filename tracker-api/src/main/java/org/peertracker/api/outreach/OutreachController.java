package org.peertracker.api.outreach;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Sorts.ascending;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.peertracker.api.security.SmallCounts;
import org.peertracker.api.security.SmallCounts.Group;
import org.peertracker.api.system.NotFound;
import org.peertracker.api.system.Paging;
import org.peertracker.api.system.RequestProblem;
import org.peertracker.api.system.ViewSettings;
import org.peertracker.api.system.Views;
import org.peertracker.events.Materials;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Outreach: daily figures per area, sessions, and the signal feed. */
@RestController
@RequestMapping("/api/v1/orgs/{orgId}/outreach")
class OutreachController {

    static final int MAX_DAYS = 366;

    private final Views views;
    private final ViewSettings settings;
    private final Clock clock;

    OutreachController(Views views, ViewSettings settings, Clock clock) {
        this.views = views;
        this.settings = settings;
        this.clock = clock;
    }

    /** Figures of one day in one area. */
    record Day(String day, String area, long sessions, long contacts, long newContacts, long peopleReached,
            long signals, Map<String, Long> materials) {
    }

    record DailyFigures(String orgId, LocalDate from, LocalDate to, List<Day> days) {
    }

    /** Days from {@code from} to {@code to}, both included; the last 7 days by default. */
    @GetMapping("/daily")
    @SmallCounts(shown = {"orgId", "from", "to", "days/*/day", "days/*/area"},
            groups = {@Group("days/*/materials/?"),
                    // the areas of one day add up to the day's figures (the dashboard shows today's)
                    @Group(value = "days/?/sessions", partitionBy = "day"),
                    @Group(value = "days/?/contacts", partitionBy = "day"),
                    @Group(value = "days/?/newContacts", partitionBy = "day"),
                    @Group(value = "days/?/peopleReached", partitionBy = "day"),
                    @Group(value = "days/?/signals", partitionBy = "day"),
                    @Group(value = "days/?/materials/*", partitionBy = "day")})
    DailyFigures daily(@PathVariable String orgId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) String area) {
        var last = to != null ? to : settings.today(clock);
        var first = from != null ? from : last.minusDays(6);
        checkRange(first, last);
        var filters = new ArrayList<Bson>(List.of(eq("orgId", orgId), gte("day", first.toString()), lte("day", last.toString())));
        if (area != null) {
            filters.add(eq("area", area));
        }
        var days = new ArrayList<Day>();
        views.collection("outreach_daily").find(and(filters)).sort(ascending("day", "area")).forEach(doc -> days.add(day(doc)));
        return new DailyFigures(orgId, first, last, days);
    }

    /** Sessions active from {@code from} to {@code to} (by last activity), newest first. */
    @GetMapping("/sessions")
    Paging.Page<Map<String, Object>> sessions(@PathVariable String orgId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        var last = to != null ? to : settings.today(clock);
        var first = from != null ? from : last.minusDays(29);
        checkRange(first, last);
        var paging = Paging.of(page, size);
        var filter = and(eq("orgId", orgId),
                gte("lastActivityAt", Date.from(first.atStartOfDay(settings.zone()).toInstant())),
                com.mongodb.client.model.Filters.lt("lastActivityAt",
                        Date.from(last.plusDays(1).atStartOfDay(settings.zone()).toInstant())));
        var sessions = views.collection("outreach_sessions");
        var items = new ArrayList<Map<String, Object>>();
        sessions.find(filter).sort(Paging.latestFirst("lastActivityAt")).skip(paging.skip()).limit(paging.size())
                .forEach(doc -> items.add(session(doc)));
        return paging.of(items, sessions.countDocuments(filter));
    }

    @GetMapping("/sessions/{sessionId}")
    Map<String, Object> session(@PathVariable String orgId, @PathVariable String sessionId) {
        var doc = views.collection("outreach_sessions").find(eq("_id", orgId + "|" + sessionId)).first();
        if (doc == null) {
            throw new NotFound("session", "sessionId");
        }
        return session(doc);
    }

    /** A session as served: its area and site type from its start, or while none is seen its first contact's area. */
    private static Map<String, Object> session(Document doc) {
        var served = Views.served(doc);
        Views.lift(served, "start");
        Views.lift(served, "firstContact");
        return served;
    }

    /** The signal feed, newest first, since an instant (the last 7 days by default). */
    @GetMapping("/signals")
    Paging.Page<Map<String, Object>> signals(@PathVariable String orgId,
            @RequestParam(required = false) Instant since,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        var paging = Paging.of(page, size);
        var from = since != null ? since : clock.instant().minus(7, ChronoUnit.DAYS);
        var filter = and(eq("orgId", orgId), gte("occurredAt", Date.from(from)));
        var signals = views.collection("outreach_signals");
        var items = new ArrayList<Map<String, Object>>();
        signals.find(filter).sort(Paging.latestFirst("occurredAt")).skip(paging.skip()).limit(paging.size())
                .forEach(doc -> items.add(Views.served(doc)));
        return paging.of(items, signals.countDocuments(filter));
    }

    private static void checkRange(LocalDate first, LocalDate last) {
        if (first.isAfter(last)) {
            throw RequestProblem.badParameter("from", "not-after-to", "'from' must not be after 'to'");
        }
        if (ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
            throw RequestProblem.badParameter("to", "max-range", "a range may span at most " + MAX_DAYS + " days");
        }
    }

    static Day day(Document doc) {
        var stored = doc.get("materials", new Document());
        var materials = new LinkedHashMap<String, Long>();
        Materials.NONE.byName().keySet().forEach(name -> materials.put(name, Views.number(stored, name)));
        return new Day(doc.getString("day"), doc.getString("area"), Views.number(doc, "sessions"),
                Views.number(doc, "contacts"), Views.number(doc, "newContacts"), Views.number(doc, "peopleReached"),
                Views.number(doc, "signals"), materials);
    }
}
