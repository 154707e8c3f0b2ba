package org.peertracker.api.exports;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.peertracker.api.activity.ActivityLog;
import org.peertracker.api.campaign.Campaigns;
import org.peertracker.api.exports.Csv.Column;
import org.peertracker.api.involvement.Involvement;
import org.peertracker.api.involvement.Peers;
import org.peertracker.api.outreach.Outreach;
import org.peertracker.api.security.AnalystAnswers;
import org.peertracker.api.security.Caller;
import org.peertracker.api.security.SmallCounts;
import org.peertracker.api.support.Cases;
import org.peertracker.api.system.Paging;
import org.peertracker.api.system.Ranges;
import org.peertracker.api.system.RequestProblem;
import org.peertracker.api.system.ViewSettings;
import org.peertracker.events.Materials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The exports: per view, its parameters checked and its rows counted before anything is written, then its rows read
 * from the feature's query class, one cursor for a list (never held whole), the answer itself for an aggregate (held
 * as its JSON answer is: at most a year of days, a month's peers). Who may read which is the security configuration's,
 * as for the JSON reads; a peer's rows are its own as in its JSON answers; an analyst's rows are shaped by the
 * declaration of the JSON read of the same view ({@link Declarations}).
 */
@Component
class Exports {

    private static final Logger log = LoggerFactory.getLogger(Exports.class);

    static final String ORG = "/api/v1/orgs/{orgId}";

    /** The views that can be exported, each as the path names it (and the OpenAPI document lists them). */
    enum View {
        CASES("cases"),
        CASELOAD("caseload"),
        REFERRALS("referrals"),
        OUTREACH_DAILY("outreach-daily"),
        OUTREACH_SESSIONS("outreach-sessions"),
        OUTREACH_SIGNALS("outreach-signals"),
        CLIENTS_REACHED("clients-reached"),
        CAMPAIGNS("campaigns"),
        PEERS("peers"),
        INVOLVEMENT_MONTHLY("involvement-monthly"),
        ACTIVITY("activity");

        private final String path;

        View(String path) {
            this.path = path;
        }

        @JsonValue
        String path() {
            return path;
        }

        /** The view this path names; a 404 naming the ones there are when it names none. */
        static View named(String path) {
            return Stream.of(values())
                    .filter(view -> view.path.equals(path))
                    .findFirst()
                    .orElseThrow(() -> new RequestProblem(
                            HttpStatus.NOT_FOUND,
                            "Not found",
                            "no export of this name; there are "
                                    + String.join(
                                            ", ",
                                            Stream.of(values()).map(View::path).toList()),
                            "view",
                            "exists"));
        }
    }

    private final Cases cases;
    private final Outreach outreach;
    private final Campaigns campaigns;
    private final Peers peers;
    private final Involvement involvement;
    private final ActivityLog activity;
    private final Declarations declarations;
    private final ExportProperties properties;
    private final ViewSettings settings;
    private final Clock clock;
    private final JsonMapper mapper;

    Exports(
            Cases cases,
            Outreach outreach,
            Campaigns campaigns,
            Peers peers,
            Involvement involvement,
            ActivityLog activity,
            Declarations declarations,
            ExportProperties properties,
            ViewSettings settings,
            Clock clock,
            JsonMapper mapper) {
        this.cases = cases;
        this.outreach = outreach;
        this.campaigns = campaigns;
        this.peers = peers;
        this.involvement = involvement;
        this.activity = activity;
        this.declarations = declarations;
        this.properties = properties;
        this.settings = settings;
        this.clock = clock;
        this.mapper = mapper;
    }

    /** What an export was asked for with; any of them may be null. */
    record Parameters(
            String from,
            String to,
            String month,
            String since,
            String area,
            String peerId,
            String status,
            String subject) {}

    /**
     * An export checked and counted, ready to be written.
     *
     * @param rows gives each row, as JSON, to the consumer it is handed
     */
    record Table(String filename, List<Column> columns, Consumer<Consumer<JsonNode>> rows) {}

    Table prepare(String view, String orgId, Parameters given, Caller caller) {
        return switch (View.named(view)) {
            case CASES -> cases(orgId, given, caller);
            case CASELOAD -> caseload(orgId, given, caller);
            case REFERRALS -> referrals(orgId, given, caller);
            case OUTREACH_DAILY -> daily(orgId, given, caller);
            case OUTREACH_SESSIONS -> sessions(orgId, given, caller);
            case OUTREACH_SIGNALS -> signals(orgId, given, caller);
            case CLIENTS_REACHED -> clientsReached(orgId, given, caller);
            case CAMPAIGNS -> campaigns(orgId, given, caller);
            case PEERS -> peers(orgId, caller);
            case INVOLVEMENT_MONTHLY -> involvement(orgId, given, caller);
            case ACTIVITY -> activity(orgId, given, caller);
        };
    }

    private Table cases(String orgId, Parameters given, Caller caller) {
        notForAnalysts(caller, "cases");
        var status = oneOf("status", given.status(), Cases.OPEN, Cases.CLOSED);
        // a peer's export holds only its own cases, whatever peerId asks for, as its JSON list does
        var owner = caller.isPeer() ? caller.peerId() : given.peerId();
        if (caller.isPeer() && given.peerId() != null && !given.peerId().equals(caller.peerId())) {
            return new Table(filename("cases", orgId, today()), CASE_COLUMNS, rows -> {});
        }
        capped(cases.list(orgId, status, owner).count(), null);
        return new Table(
                filename("cases", orgId, today()),
                CASE_COLUMNS,
                rows -> cases.list(orgId, status, owner).each(properties.maxRows(), c -> rows.accept(tree(c))));
    }

    private Table caseload(String orgId, Parameters given, Caller caller) {
        var month = month(given);
        var answer = shaped(caller, ORG + "/support/caseload", tree(cases.caseloads(orgId, month)));
        var rows = list(answer.path("peers"));
        capped(rows.size(), null);
        var columns = shown(
                caller,
                ORG + "/support/caseload",
                "peers/0",
                columns("peerId", "openCases", "contacts", "minutes", "casesOpened", "casesClosed"));
        return new Table(filename("caseload", orgId, month.toString()), columns, sink -> rows.forEach(sink));
    }

    private Table referrals(String orgId, Parameters given, Caller caller) {
        var month = month(given);
        var answer = shaped(caller, ORG + "/support/caseload", tree(cases.caseloads(orgId, month)));
        var rows = new ArrayList<JsonNode>();
        answer.path("referrals")
                .properties()
                .forEach(service -> service.getValue()
                        .properties()
                        .forEach(status -> rows.add(mapper.createObjectNode()
                                .put("service", service.getKey())
                                .put("status", status.getKey())
                                .set("count", status.getValue()))));
        capped(rows.size(), null);
        return new Table(
                filename("referrals", orgId, month.toString()),
                columns("service", "status", "count"),
                sink -> rows.forEach(sink));
    }

    private Table daily(String orgId, Parameters given, Caller caller) {
        var to = date("to", given.to(), null);
        var days = Ranges.days(date("from", given.from(), null), to, settings.today(clock), Outreach.DAILY_DAYS);
        var answer = shaped(
                caller, ORG + "/outreach/daily", tree(outreach.daily(orgId, days.first(), days.last(), given.area())));
        var rows = list(answer.path("days"));
        capped(rows.size(), "from");
        var all = new ArrayList<>(
                columns("day", "area", "sessions", "contacts", "newContacts", "peopleReached", "signals"));
        Materials.NONE.byName().keySet().forEach(name -> all.add(Column.of("materials." + name)));
        return new Table(
                filename("outreach-daily", orgId, days.first() + "-" + days.last()),
                shown(caller, ORG + "/outreach/daily", "days/0", all),
                sink -> rows.forEach(sink));
    }

    private Table sessions(String orgId, Parameters given, Caller caller) {
        notForAnalysts(caller, "outreach-sessions");
        var to = date("to", given.to(), null);
        var days = Ranges.days(date("from", given.from(), null), to, settings.today(clock), Outreach.SESSION_DAYS);
        // a peer's export holds only the sessions it took part in, as its JSON list does
        var whose = caller.isPeer() ? caller.peerId() : given.peerId();
        capped(
                outreach.sessions(orgId, days.first(), days.last(), settings.zone(), whose)
                        .count(),
                "from");
        var all = new ArrayList<>(columns(
                "sessionId",
                "peers",
                "area",
                "siteType",
                "startedAt",
                "endedAt",
                "lastActivityAt",
                "contacts",
                "newContacts",
                "peopleReached",
                "signals"));
        Materials.NONE.byName().keySet().forEach(name -> all.add(Column.of("materials." + name)));
        return new Table(
                filename("outreach-sessions", orgId, days.first() + "-" + days.last()),
                all,
                rows -> outreach.sessions(orgId, days.first(), days.last(), settings.zone(), whose)
                        .each(properties.maxRows(), s -> rows.accept(tree(s))));
    }

    private Table signals(String orgId, Parameters given, Caller caller) {
        notForAnalysts(caller, "outreach-signals");
        var since = instant("since", given.since(), clock.instant().minus(7, ChronoUnit.DAYS));
        capped(outreach.signals(orgId, since).count(), "since");
        return new Table(
                filename("outreach-signals", orgId, today()),
                columns("eventId", "sessionId", "peerId", "kind", "area", "severity", "text", "occurredAt"),
                rows -> outreach.signals(orgId, since).each(properties.maxRows(), s -> rows.accept(tree(s))));
    }

    /** A row per month and area, and one per month in {@code all} (a client met in two areas counts once there). */
    private Table clientsReached(String orgId, Parameters given, Caller caller) {
        var last = parse("to", given.to(), settings.thisMonth(clock), YearMonth::parse, "a month (yyyy-MM)");
        var first = parse(
                "from", given.from(), last.minusMonths(Ranges.MAX_MONTHS - 1), YearMonth::parse, "a month (yyyy-MM)");
        Ranges.checkMonths(first, last);
        var path = ORG + "/outreach/clients-reached";
        var answer = shaped(caller, path, tree(outreach.clientsReached(orgId, first, last)));
        var rows = new ArrayList<JsonNode>();
        answer.path("months").forEach(month -> {
            var name = month.path("month").asString();
            month.path("areas")
                    .properties()
                    .forEach(area -> rows.add(mapper.createObjectNode()
                            .put("month", name)
                            .put("area", area.getKey())
                            .set("clients", area.getValue())));
            rows.add(mapper.createObjectNode()
                    .put("month", name)
                    .put("area", "all")
                    .set("clients", month.path("clients")));
        });
        capped(rows.size(), "from");
        return new Table(
                filename("clients-reached", orgId, first + "-" + last),
                columns("month", "area", "clients"),
                sink -> rows.forEach(sink));
    }

    private Table campaigns(String orgId, Parameters given, Caller caller) {
        var status = oneOf("status", given.status(), Campaigns.ACTIVE, Campaigns.CLOSED);
        capped(campaigns.list(orgId, status).count(), null);
        var path = ORG + "/campaigns";
        var columns = shown(
                caller,
                path,
                "items/0",
                columns(
                        "campaignId",
                        "name",
                        "goal",
                        "status",
                        "startsOn",
                        "endsOn",
                        "launchedAt",
                        "closedAt",
                        "lastActivityAt",
                        "actions",
                        "actionsByKind",
                        "participants",
                        "audience",
                        "mediaHits",
                        "cities",
                        "outcomesByLevel",
                        "outcomes",
                        "peers"));
        return new Table(filename("campaigns", orgId, today()), columns, rows -> {
            // an analyst's rows are shaped a JSON page at a time, as the JSON list is: no declaration can span more
            var page = new ArrayList<Campaigns.Campaign>(Paging.MAX_SIZE);
            Runnable flush = () -> {
                var answer = mapper.createObjectNode();
                answer.set("items", tree(page));
                list(shaped(caller, path, answer).path("items")).forEach(rows);
                page.clear();
            };
            campaigns.list(orgId, status).each(properties.maxRows(), campaign -> {
                page.add(campaign);
                if (page.size() == Paging.MAX_SIZE) {
                    flush.run();
                }
            });
            flush.run();
        });
    }

    private Table peers(String orgId, Caller caller) {
        notForAnalysts(caller, "peers");
        capped(peers.list(orgId).count(), null);
        return new Table(
                filename("peers", orgId, today()),
                columns(
                        "peerId",
                        "setting",
                        "status",
                        "joinedAt",
                        "leftAt",
                        "lastActiveAt",
                        "activeRoles",
                        "roles",
                        "involvements",
                        "hours",
                        "hoursByRole",
                        "hoursByLevel",
                        "trainings",
                        "trainingHours",
                        "trainingsByTopic",
                        "compensation",
                        "compensationByRole",
                        "payments"),
                rows -> peers.list(orgId).each(properties.maxRows(), p -> rows.accept(tree(p))));
    }

    private Table involvement(String orgId, Parameters given, Caller caller) {
        var month = month(given);
        var path = ORG + "/involvement/monthly";
        var answer = shaped(caller, path, tree(involvement.of(orgId, month)));
        var rows = new ArrayList<JsonNode>();
        answer.path("bySetting").properties().forEach(setting -> rows.add(row("setting", setting)));
        if (answer.path("all").isObject()) {
            rows.add(mapper.createObjectNode().put("setting", "all").setAll((ObjectNode) answer.path("all")));
        }
        capped(rows.size(), null);
        var all = new ArrayList<>(List.of(Column.of("setting")));
        all.addAll(shown(
                caller,
                path,
                "all",
                columns("activePeers", "hours", "shareCoDecidingOrLeading", "trainings", "trainingHours")));
        // one column per role, level and currency found: what the answer holds, after an analyst's shaping
        for (var figures : List.of("hoursByRole", "hoursByLevel", "compensation")) {
            var keys = new LinkedHashSet<String>();
            rows.forEach(row -> keys.addAll(row.path(figures).propertyNames()));
            keys.stream()
                    .sorted()
                    .forEach(key -> all.add(new Column(figures + "." + key, "/" + figures + "/" + escape(key))));
        }
        return new Table(filename("involvement-monthly", orgId, month.toString()), all, sink -> rows.forEach(sink));
    }

    private Table activity(String orgId, Parameters given, Caller caller) {
        notForAnalysts(caller, "activity");
        var until = instant("to", given.to(), clock.instant().plus(1, ChronoUnit.DAYS));
        var since = instant("from", given.from(), until.minus(8, ChronoUnit.DAYS));
        Ranges.checkInstants(since, until, given.to() != null);
        capped(
                activity.list(orgId, since, until, given.subject(), given.peerId())
                        .count(),
                "from");
        return new Table(
                filename("activity", orgId, today()),
                columns(
                        "eventId",
                        "type",
                        "subject",
                        "peerId",
                        "occurredAt",
                        "receivedAt",
                        "submittedBy.role",
                        "submittedBy.subject",
                        "submittedBy.peerId",
                        "payload",
                        "corrections"),
                rows -> activity.list(orgId, since, until, given.subject(), given.peerId())
                        .each(properties.maxRows(), e -> rows.accept(tree(e))));
    }

    private static final List<Column> CASE_COLUMNS = columns(
            "caseId",
            "status",
            "ownerPeerId",
            "clientRef",
            "needs",
            "referredBy",
            "openedAt",
            "closedAt",
            "outcome",
            "contacts",
            "minutes",
            "lastContactAt",
            "referralsPending",
            "referrals",
            "modes");

    /**
     * The answer as the caller may read it: an analyst's shaped by the declaration of the JSON read at {@code path};
     * any other caller's as it is.
     */
    private JsonNode shaped(Caller caller, String path, JsonNode answer) {
        return caller.is(Caller.Role.ANALYST) ? AnalystAnswers.shape(answer, declarations.of(path)) : answer;
    }

    /** The columns an analyst may see of rows at {@code rowPath} of the answer at {@code path}; all for others. */
    private List<Column> shown(Caller caller, String path, String rowPath, List<Column> columns) {
        if (!caller.is(Caller.Role.ANALYST)) {
            return columns;
        }
        SmallCounts rules = declarations.of(path);
        return columns.stream()
                .filter(column -> AnalystAnswers.shows(rules, rowPath + column.pointer()))
                .toList();
    }

    /** The security configuration keeps analysts out of these; should it ever not, nothing is given (fail closed). */
    private static void notForAnalysts(Caller caller, String view) {
        if (caller.is(Caller.Role.ANALYST)) {
            log.error("an analyst asked for the export {}, which is not an aggregate view: refused", view);
            throw new IllegalStateException("not an aggregate view");
        }
    }

    private void capped(long rows, String field) {
        if (rows > properties.maxRows()) {
            throw new RequestProblem(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "Export too large",
                    "this export would hold " + rows + " rows, more than " + properties.maxRows()
                            + "; ask for a shorter range or a narrower selection",
                    field,
                    "max-rows");
        }
    }

    private JsonNode tree(Object value) {
        return mapper.valueToTree(value);
    }

    private ObjectNode row(String key, Map.Entry<String, JsonNode> entry) {
        var row = mapper.createObjectNode().put(key, entry.getKey());
        if (entry.getValue() instanceof ObjectNode figures) {
            row.setAll(figures);
        }
        return row;
    }

    private static List<JsonNode> list(JsonNode array) {
        return array.valueStream().toList();
    }

    private static List<Column> columns(String... names) {
        return Stream.of(names).map(Column::of).toList();
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    private String today() {
        return settings.today(clock).toString();
    }

    /** {@code view-org-what.csv}; a ':' of an id (which ids may hold) is no part of a file name on every system. */
    private static String filename(String view, String orgId, String what) {
        return (view + "-" + orgId + "-" + what + ".csv").replace(':', '_');
    }

    private YearMonth month(Parameters given) {
        return parse("month", given.month(), settings.thisMonth(clock), YearMonth::parse, "a month (yyyy-MM)");
    }

    private static LocalDate date(String name, String value, LocalDate otherwise) {
        return parse(name, value, otherwise, LocalDate::parse, "a date (yyyy-MM-dd)");
    }

    private static Instant instant(String name, String value, Instant otherwise) {
        return parse(name, value, otherwise, Instant::parse, "a timestamp (ISO-8601, e.g. 2026-11-27T10:00:00Z)");
    }

    private static <T> T parse(String name, String value, T otherwise, Function<String, T> parser, String what) {
        if (value == null || value.isEmpty()) {
            return otherwise;
        }
        try {
            return parser.apply(value);
        } catch (DateTimeParseException e) {
            throw RequestProblem.badParameter(name, "format", "'" + name + "' must be " + what);
        }
    }

    private static String oneOf(String name, String value, String... allowed) {
        if (value == null || List.of(allowed).contains(value)) {
            return value;
        }
        throw RequestProblem.badParameter(name, "enum", "'" + name + "' is " + String.join(" or ", allowed));
    }
}
