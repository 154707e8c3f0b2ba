package org.peertracker.api.outreach;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Sorts.ascending;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.peertracker.api.system.RequestProblem;
import org.peertracker.events.Materials;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Outreach figures: {@code GET /api/v1/orgs/{orgId}/outreach/daily?from=&to=&area=}. */
@RestController
@RequestMapping("/api/v1/orgs/{orgId}/outreach")
class OutreachController {

    static final int MAX_DAYS = 366;
    private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

    private final MongoCollection<Document> daily;
    private final Clock clock;

    OutreachController(MongoDatabase views, Clock clock) {
        this.daily = views.getCollection("outreach_daily");
        this.clock = clock;
    }

    /** Figures of one day in one area. */
    record Day(String day, String area, long contacts, long newContacts, long peopleReached,
            Map<String, Long> materials) {
    }

    record DailyFigures(String orgId, LocalDate from, LocalDate to, List<Day> days) {
    }

    /** Days from {@code from} to {@code to}, both included; the last 7 days by default. */
    @GetMapping("/daily")
    DailyFigures daily(@PathVariable String orgId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) String area) {
        var last = to != null ? to : LocalDate.now(clock.withZone(ZONE));
        var first = from != null ? from : last.minusDays(6);
        if (first.isAfter(last)) {
            throw RequestProblem.badParameter("from", "not-after-to", "'from' must not be after 'to'");
        }
        if (ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
            throw RequestProblem.badParameter("to", "max-range", "a range may span at most " + MAX_DAYS + " days");
        }
        var filters = new ArrayList<Bson>(List.of(eq("orgId", orgId), gte("day", first.toString()), lte("day", last.toString())));
        if (area != null) {
            filters.add(eq("area", area));
        }
        var days = new ArrayList<Day>();
        daily.find(and(filters)).sort(ascending("day", "area")).forEach(doc -> days.add(day(doc)));
        return new DailyFigures(orgId, first, last, days);
    }

    private static Day day(Document doc) {
        var stored = doc.get("materials", new Document());
        var materials = new LinkedHashMap<String, Long>();
        Materials.NONE.byName().keySet().forEach(name -> materials.put(name, number(stored, name)));
        return new Day(doc.getString("day"), doc.getString("area"), number(doc, "contacts"),
                number(doc, "newContacts"), number(doc, "peopleReached"), materials);
    }

    private static long number(Document doc, String field) {
        var value = doc.get(field);
        return value instanceof Number n ? n.longValue() : 0L;
    }
}
