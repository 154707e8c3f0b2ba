package org.peertracker.api.outreach;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Sorts.ascending;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.peertracker.api.privacy.Texts;
import org.peertracker.api.system.Listing;
import org.peertracker.api.system.Paging;
import org.peertracker.api.system.Views;
import org.peertracker.events.Materials;
import org.peertracker.views.ClientsReached;
import org.peertracker.views.OutreachDaily;
import org.peertracker.views.OutreachFigures;
import org.peertracker.views.OutreachSessions;
import org.peertracker.views.OutreachSignals;
import org.springframework.stereotype.Component;

/** Reads {@code outreach_daily}, {@code outreach_sessions}, {@code outreach_signals} and {@code clients_reached}. */
@Component
public class Outreach {

    /** How many days the daily figures span when a read names no start, up to today or its end. */
    public static final int DAILY_DAYS = 7;
    /** How many days of sessions a list spans when a read names no start. */
    public static final int SESSION_DAYS = 30;

    private final Views views;
    private final Texts texts;

    Outreach(Views views, Texts texts) {
        this.texts = texts;
        this.views = views;
    }

    /** Figures of one day in one area; every material named, 0 when none was handed out. */
    public record Day(
            String day,
            String area,
            long sessions,
            long contacts,
            long newContacts,
            long peopleReached,
            long signals,
            Map<String, Long> materials) {}

    /**
     * A session as served: its area and site type from its first start or, while no start is seen, the area of its
     * first contact. Figures and times are absent until an event gives them.
     *
     * @param peers the peers who logged in the session
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Session(
            String orgId,
            String sessionId,
            List<String> peers,
            String area,
            String siteType,
            Instant startedAt,
            Instant endedAt,
            Instant lastActivityAt,
            Long contacts,
            Long newContacts,
            Long peopleReached,
            Map<String, Long> materials,
            Long signals) {}

    /**
     * A signal as reported; written once, whole, so every field is there (null when the event had none).
     *
     * @param text free text, never shown to analysts
     */
    public record Signal(
            String orgId,
            String eventId,
            String sessionId,
            String peerId,
            String kind,
            String area,
            String severity,
            String text,
            Instant occurredAt) {}

    /** The figures of the days from {@code first} to {@code last}, both included, as served. */
    public record DailyFigures(String orgId, LocalDate from, LocalDate to, List<Day> days) {}

    /**
     * The distinct clients reached in one month: in all ({@code clients}, each client once however many areas it was
     * met in) and per area, the clients of cases under {@code (none)}.
     */
    public record MonthReached(String month, long clients, Map<String, Long> areas) {}

    /** The months from {@code from} to {@code to}, both included, that reached any client, in order. */
    public record Reached(String orgId, YearMonth from, YearMonth to, List<MonthReached> months) {}

    /** Counts the client references of each month's documents; no reference leaves this method. */
    public Reached clientsReached(String orgId, YearMonth first, YearMonth last) {
        var areas = new TreeMap<String, TreeMap<String, Long>>();
        var everyone = new TreeMap<String, Set<String>>();
        views.collection(ClientsReached.COLLECTION)
                .find(and(
                        eq(ClientsReached.ORG_ID, orgId),
                        gte(ClientsReached.MONTH, first.toString()),
                        lte(ClientsReached.MONTH, last.toString())))
                .forEach(doc -> {
                    var month = doc.getString(ClientsReached.MONTH);
                    var clients = Views.nested(doc, ClientsReached.CLIENTS).keySet();
                    if (clients.isEmpty()) {
                        return;
                    }
                    areas.computeIfAbsent(month, m -> new TreeMap<>())
                            .put(doc.getString(ClientsReached.AREA), (long) clients.size());
                    everyone.computeIfAbsent(month, m -> new HashSet<>()).addAll(clients);
                });
        var months = new ArrayList<MonthReached>();
        areas.forEach((month, byArea) ->
                months.add(new MonthReached(month, everyone.get(month).size(), byArea)));
        return new Reached(orgId, first, last, months);
    }

    public DailyFigures daily(String orgId, LocalDate first, LocalDate last, String area) {
        return new DailyFigures(orgId, first, last, days(orgId, first, last, area));
    }

    /** The days from {@code first} to {@code last}, both included, in order of day and area. */
    public List<Day> days(String orgId, LocalDate first, LocalDate last, String area) {
        var filters = new ArrayList<Bson>(List.of(
                eq(OutreachDaily.ORG_ID, orgId),
                gte(OutreachDaily.DAY, first.toString()),
                lte(OutreachDaily.DAY, last.toString())));
        if (area != null) {
            filters.add(eq(OutreachDaily.AREA, area));
        }
        var days = new ArrayList<Day>();
        views.collection(OutreachDaily.COLLECTION)
                .find(and(filters))
                .sort(ascending(OutreachDaily.DAY, OutreachDaily.AREA))
                .forEach(doc -> days.add(day(doc)));
        return days;
    }

    /**
     * Sessions last active from {@code first} to {@code last} (days in {@code zone}), newest first; those {@code peerId}
     * took part in when given.
     */
    public Listing<Session> sessions(String orgId, LocalDate first, LocalDate last, ZoneId zone, String peerId) {
        return views.listing(
                OutreachSessions.COLLECTION,
                sessionFilter(orgId, first, last, zone, peerId),
                Paging.latestFirst(OutreachSessions.LAST_ACTIVITY_AT),
                Outreach::session);
    }

    private static Bson sessionFilter(String orgId, LocalDate first, LocalDate last, ZoneId zone, String peerId) {
        var filters = new ArrayList<>(List.of(
                eq(OutreachSessions.ORG_ID, orgId),
                gte(
                        OutreachSessions.LAST_ACTIVITY_AT,
                        Date.from(first.atStartOfDay(zone).toInstant())),
                lt(
                        OutreachSessions.LAST_ACTIVITY_AT,
                        Date.from(last.plusDays(1).atStartOfDay(zone).toInstant()))));
        if (peerId != null) {
            filters.add(eq(OutreachSessions.PEERS, peerId));
        }
        return and(filters);
    }

    Optional<Session> session(String orgId, String sessionId) {
        return views.find(OutreachSessions.COLLECTION, OutreachSessions.key(orgId, sessionId), Outreach::session);
    }

    /** The signal feed since an instant, newest first. */
    public Listing<Signal> signals(String orgId, Instant since) {
        return views.listing(
                        OutreachSignals.COLLECTION,
                        and(eq(OutreachSignals.ORG_ID, orgId), gte(OutreachSignals.OCCURRED_AT, Date.from(since))),
                        Paging.latestFirst(OutreachSignals.OCCURRED_AT),
                        Outreach::signal)
                .preparedBy(docs -> texts.openAll(orgId, docs));
    }

    private static Day day(Document doc) {
        var stored = Views.nested(doc, OutreachFigures.MATERIALS);
        var materials = new LinkedHashMap<String, Long>();
        Materials.NONE.byName().keySet().forEach(name -> materials.put(name, Views.number(stored, name)));
        return new Day(
                doc.getString(OutreachDaily.DAY),
                doc.getString(OutreachDaily.AREA),
                Views.number(doc, OutreachDaily.SESSIONS),
                Views.number(doc, OutreachFigures.CONTACTS),
                Views.number(doc, OutreachFigures.NEW_CONTACTS),
                Views.number(doc, OutreachFigures.PEOPLE_REACHED),
                Views.number(doc, OutreachFigures.SIGNALS),
                materials);
    }

    static Session session(Document doc) {
        var start = Views.nested(doc, OutreachSessions.START);
        var firstContact = Views.nested(doc, OutreachSessions.FIRST_CONTACT);
        var area = start.getString(OutreachSessions.AREA);
        return new Session(
                doc.getString(OutreachSessions.ORG_ID),
                doc.getString(OutreachSessions.SESSION_ID),
                Views.strings(doc, OutreachSessions.PEERS),
                area != null ? area : firstContact.getString(OutreachSessions.AREA),
                start.getString(OutreachSessions.SITE_TYPE),
                Views.instant(doc, OutreachSessions.STARTED_AT),
                Views.instant(doc, OutreachSessions.ENDED_AT),
                Views.instant(doc, OutreachSessions.LAST_ACTIVITY_AT),
                Views.count(doc, OutreachFigures.CONTACTS),
                Views.count(doc, OutreachFigures.NEW_CONTACTS),
                Views.count(doc, OutreachFigures.PEOPLE_REACHED),
                Views.wholeCounts(doc, OutreachFigures.MATERIALS),
                Views.count(doc, OutreachFigures.SIGNALS));
    }

    static Signal signal(Document doc) {
        return new Signal(
                doc.getString(OutreachSignals.ORG_ID),
                doc.getString(OutreachSignals.EVENT_ID),
                doc.getString(OutreachSignals.SESSION_ID),
                doc.getString(OutreachSignals.PEER_ID),
                doc.getString(OutreachSignals.KIND),
                doc.getString(OutreachSignals.AREA),
                doc.getString(OutreachSignals.SEVERITY),
                doc.getString(OutreachSignals.TEXT),
                Views.instant(doc, OutreachSignals.OCCURRED_AT));
    }
}
