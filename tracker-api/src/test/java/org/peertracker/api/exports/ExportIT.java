package org.peertracker.api.exports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.peertracker.api.Problems.assertProblem;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peertracker.api.ApiITSupport;
import org.peertracker.api.Http;
import org.peertracker.api.security.Caller;
import org.peertracker.api.security.ViewSeed;
import org.peertracker.testing.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Exports over real HTTP with real tokens, against views seeded as the worker writes them: each role gets the rows
 * its JSON answer holds (an analyst's suppressed as there), injection-prone cells neutralised, the cap kept.
 */
class ExportIT extends ApiITSupport {

    static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    static final String ORG = "exp-" + SUFFIX;
    /** An organisation with one signal whose every text begins as a formula would. */
    static final String HOSTILE = "hostile-" + SUFFIX;
    /** An organisation whose activity log holds a record the export cannot read, behind a long one. */
    static final String BROKEN = "broken-" + SUFFIX;
    /** An organisation with more events than the cap. */
    static final String BUSY = "busy-" + SUFFIX;

    static final int MAX_ROWS = 4;
    static final TestTokens TOKENS = TestTokens.shared();

    private static boolean seeded;

    @Autowired
    Exports exports;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        infrastructure(registry, "export_it");
        registry.add("tracker.exports.max-rows", () -> String.valueOf(MAX_ROWS));
    }

    @BeforeEach
    void seed() {
        synchronized (ExportIT.class) {
            if (!seeded) {
                ViewSeed.seed(views, ORG);
                views.getCollection("outreach_signals")
                        .insertOne(new Document("_id", HOSTILE + "|sig-1")
                                .append("orgId", HOSTILE)
                                .append("eventId", "=1+1")
                                .append("sessionId", "\tsession")
                                .append("peerId", "\rpeer")
                                .append("kind", "+cmd")
                                .append("area", "-2+3")
                                .append("severity", "@SUM(A1:A2)")
                                .append("text", "=HYPERLINK(\"http://evil.example\",\"click\"), \"quoted\"\nnext line")
                                .append("occurredAt", new Date()));
                for (int i = 0; i <= MAX_ROWS; i++) {
                    views.getCollection("activity_log")
                            .insertOne(new Document("_id", BUSY + "|e" + i)
                                    .append("orgId", BUSY)
                                    .append("eventId", "e" + i)
                                    .append("type", "case.opened")
                                    .append("occurredAt", Date.from(ViewSeed.AT)));
                }
                views.getCollection("activity_log")
                        .insertOne(new Document("_id", BROKEN + "|long")
                                .append("orgId", BROKEN)
                                .append("eventId", "long")
                                .append("type", "outreach.signal-reported")
                                .append("payload", new Document("text", "x".repeat(40_000)))
                                .append("occurredAt", Date.from(ViewSeed.AT)));
                views.getCollection("activity_log")
                        .insertOne(new Document("_id", BROKEN + "|unreadable")
                                .append("orgId", BROKEN)
                                .append("eventId", "unreadable")
                                .append("peerId", "p-unreadable")
                                // not a type as the worker writes it: reading it fails
                                .append("type", 42)
                                .append("occurredAt", Date.from(ViewSeed.AT.minusSeconds(60))));
                seeded = true;
            }
        }
    }

    @Test
    void givesACoordinatorTheDailyFiguresAsAnAttachedCsvFileWithAHeaderRow() {
        var response = get(TOKENS.coordinator(ORG), "/exports/outreach-daily?" + oneDay());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).isEqualToIgnoringCase("text/csv;charset=UTF-8");
        assertThat(response.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"outreach-daily-" + ORG + "-" + ViewSeed.DAY + "-" + ViewSeed.DAY
                        + ".csv\"");
        assertThat(response.body()).startsWith("day,area,sessions,contacts,newContacts,peopleReached,signals,");
        assertThat(response.body()).contains("\r\n");
        var rows = records(response.body());
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("area")).isEqualTo("oost");
        assertThat(rows.get(0).get("contacts")).isEqualTo("3");
        assertThat(rows.get(0).get("materials.condoms")).isEqualTo("7");
        assertThat(rows.get(1).get("contacts")).isEqualTo("20");
    }

    @Test
    void givesAnAnalystExactlyWhatItsJsonAnswersHoldSmallCountsSuppressed() {
        var analyst = TOKENS.analyst(ORG);

        var daily = records(get(analyst, "/exports/outreach-daily?" + oneDay()).body());
        var dailyJson = get(analyst, "/outreach/daily?" + oneDay()).json().path("days");
        var caseload = get(analyst, "/exports/caseload?month=" + ViewSeed.MONTH);
        var caseloadJson =
                get(analyst, "/support/caseload?month=" + ViewSeed.MONTH).json().path("peers");
        var referrals = records(
                get(analyst, "/exports/referrals?month=" + ViewSeed.MONTH).body());
        var involvement = get(analyst, "/exports/involvement-monthly?month=" + ViewSeed.MONTH);
        var campaigns = get(analyst, "/exports/campaigns");

        assertThat(daily.get(0).get("contacts")).isEqualTo("<5");
        assertThat(daily.get(0).get("materials.condoms")).isEqualTo("suppressed");
        assertThat(daily.get(1).get("contacts")).isEqualTo("suppressed");
        assertSameAsJson(daily, dailyJson);
        var caseloadRows = records(caseload.body());
        assertThat(caseloadRows.get(0).get("peerId")).isEqualTo("peer-1");
        assertThat(caseloadRows.get(0).get("openCases")).isEqualTo("<5");
        assertSameAsJson(caseloadRows, caseloadJson);
        assertThat(caseload.body()).doesNotContain("p1", "p2");
        assertThat(referrals).extracting(r -> r.get("count")).containsExactly("<5");
        assertThat(involvement.body()).doesNotContain("compensation", "EUR");
        var integrated = records(involvement.body()).get(0);
        assertThat(integrated.get("setting")).isEqualTo("integrated");
        assertThat(integrated.get("activePeers")).isEqualTo("<5");
        assertThat(integrated.get("hoursByLevel.leading")).isEqualTo("<5");
        assertThat(integrated.get("shareCoDecidingOrLeading")).isEqualTo("suppressed");
        var campaign = records(campaigns.body()).get(0);
        assertThat(campaign.get("participants")).isEqualTo("<5");
        assertThat(campaign.get("actionsByKind")).contains("demonstration=<5", "media=<5");
        assertThat(campaign.isMapped("peers")).isFalse();
        assertThat(campaign.isMapped("outcomes")).isFalse();
        assertThat(campaigns.body()).doesNotContain("ev-outcome-1", "naloxone motion", "p1");
    }

    @Test
    void givesACoordinatorWhatTheAnalystDoesNotGet() {
        var coordinator = TOKENS.coordinator(ORG);

        var caseload = records(
                get(coordinator, "/exports/caseload?month=" + ViewSeed.MONTH).body());
        var involvement = records(get(coordinator, "/exports/involvement-monthly?month=" + ViewSeed.MONTH)
                .body());
        var campaign = records(get(coordinator, "/exports/campaigns").body()).get(0);
        var activity = records(get(coordinator, "/exports/activity?from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z")
                .body());

        assertThat(caseload).extracting(r -> r.get("peerId")).containsExactly("p1", "p2");
        assertThat(involvement.get(0).get("compensation.EUR")).isEqualTo("50.0");
        assertThat(campaign.get("peers")).isEqualTo("p1; p2");
        assertThat(campaign.get("outcomes")).contains("naloxone motion");
        assertThat(activity).extracting(r -> r.get("eventId")).containsExactlyInAnyOrder("e1", "e2");
    }

    @Test
    void givesAPeerOnlyItsOwnCasesAndSessionsWhateverItAsksFor() {
        var peer = TOKENS.peer(ORG, "p1");

        var cases = records(get(peer, "/exports/cases").body());
        var anothers = records(get(peer, "/exports/cases?peerId=p2").body());
        var sessions = records(get(peer, "/exports/outreach-sessions?" + oneDay() + "&peerId=p2")
                .body());
        var all = records(get(TOKENS.coordinator(ORG), "/exports/cases").body());

        assertThat(cases).extracting(r -> r.get("caseId")).containsExactlyInAnyOrder("c-own", "c-handed");
        assertThat(anothers).isEmpty();
        assertThat(sessions).extracting(r -> r.get("sessionId")).containsExactly("s1");
        assertThat(all).hasSize(4);
    }

    @Test
    void refusesEachRoleTheExportsOfTheViewsItMayNotRead() {
        assertThat(get(TOKENS.peer(ORG, "p1"), "/exports/caseload").status()).isEqualTo(403);
        assertThat(get(TOKENS.peer(ORG, "p1"), "/exports/peers").status()).isEqualTo(403);
        assertThat(get(TOKENS.peer(ORG, "p1"), "/exports/activity").status()).isEqualTo(403);
        assertThat(get(TOKENS.analyst(ORG), "/exports/cases").status()).isEqualTo(403);
        assertThat(get(TOKENS.analyst(ORG), "/exports/outreach-signals").status())
                .isEqualTo(403);
        assertThat(get(TOKENS.analyst(ORG), "/exports/activity").status()).isEqualTo(403);
        assertThat(get(TOKENS.analyst(ORG), "/exports/peers").status()).isEqualTo(403);
        assertThat(get(TOKENS.token(ORG, "integration", null), "/exports/outreach-daily")
                        .status())
                .isEqualTo(403);
        assertThat(get(TOKENS.coordinator(HOSTILE), "/exports/outreach-daily").status())
                .isEqualTo(403);
        assertThat(get(null, "/exports/outreach-daily").status()).isEqualTo(401);
    }

    @Test
    void givesAnAnalystNoRowOfAViewThatIsNotAnAggregateShouldTheAccessRulesEverLetItThrough() {
        var analyst = new Caller(
                ORG, Caller.Role.ANALYST, null, "analyst", Instant.now().plusSeconds(60), false);
        var none = new Exports.Parameters(null, null, null, null, null, null, null, null);

        for (var view : List.of("cases", "outreach-sessions", "outreach-signals", "peers", "activity")) {
            assertThatThrownBy(() -> exports.prepare(view, ORG, none, analyst))
                    .as(view)
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void neutralisesEveryTextCellASpreadsheetWouldRunAsAFormula() {
        var response = get(TOKENS.coordinator(HOSTILE), HOSTILE, "/exports/outreach-signals");

        var row = records(response.body()).get(0);
        assertThat(row.get("eventId")).isEqualTo("'=1+1");
        assertThat(row.get("sessionId")).isEqualTo("'\tsession");
        assertThat(row.get("peerId")).isEqualTo("'\rpeer");
        assertThat(row.get("kind")).isEqualTo("'+cmd");
        assertThat(row.get("area")).isEqualTo("'-2+3");
        assertThat(row.get("severity")).isEqualTo("'@SUM(A1:A2)");
        // quoted as RFC 4180 says, the comma, quotes and line break kept inside the one cell
        assertThat(row.get("text")).isEqualTo("'=HYPERLINK(\"http://evil.example\",\"click\"), \"quoted\"\nnext line");
    }

    @Test
    void refusesAnExportBeyondTheRowCapBeforeWritingAnyOfIt() {
        var response = get(
                TOKENS.coordinator(BUSY), BUSY, "/exports/activity?from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z");

        assertProblem(response, 422, "from", "max-rows");
        assertThat(response.json().path("detail").asString()).contains("5 rows", "more than 4");
        assertThat(response.headers().firstValue("Content-Disposition")).isEmpty();
    }

    @Test
    void endsTheConnectionWhenAnExportFailsAfterItsFileBeganSoTheFileIsNotTakenForWhole() {
        var coordinator = TOKENS.coordinator(BROKEN);
        var range = "from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z";

        var failedFirst = get(coordinator, BROKEN, "/exports/activity?" + range + "&peerId=p-unreadable");

        // failed before a byte was sent: problem details, as any read
        assertThat(failedFirst.status()).isEqualTo(500);
        assertThat(failedFirst.contentType()).startsWith("application/problem+json");
        // failed after the long row went out: the transfer breaks off, no problem appended to the file
        assertThatThrownBy(() -> get(coordinator, BROKEN, "/exports/activity?" + range))
                .isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void answersAnUnknownViewWith404AndBadParametersWith400NamingThem() {
        var coordinator = TOKENS.coordinator(ORG);

        var unknown = get(coordinator, "/exports/everything");
        var month = get(coordinator, "/exports/caseload?month=2026-13");
        var from = get(coordinator, "/exports/outreach-daily?from=yesterday");
        var order = get(coordinator, "/exports/outreach-daily?from=2026-11-02&to=2026-11-01");
        var status = get(coordinator, "/exports/cases?status=maybe");
        var since = get(coordinator, "/exports/outreach-signals?since=2026-11-01");

        assertProblem(unknown, 404, "view", "exists");
        assertProblem(month, 400, "month", "format");
        assertProblem(from, 400, "from", "format");
        assertProblem(order, 400, "from", "not-after-to");
        assertProblem(status, 400, "status", "enum");
        assertProblem(since, 400, "since", "format");
    }

    /** Every cell of {@code rows} is the value of the JSON row at the same index and the column's field. */
    private static void assertSameAsJson(List<CSVRecord> rows, JsonNode json) {
        assertThat(rows).hasSize(json.size());
        for (int i = 0; i < rows.size(); i++) {
            for (var column : rows.get(i).toMap().entrySet()) {
                var value = json.get(i).at("/" + column.getKey().replace(".", "/"));
                assertThat(column.getValue())
                        .as("row %d, %s", i, column.getKey())
                        .isEqualTo(value.isMissingNode() || value.isNull() ? "" : value.asString());
            }
        }
    }

    private static String oneDay() {
        return "from=" + ViewSeed.DAY + "&to=" + ViewSeed.DAY;
    }

    private static List<CSVRecord> records(String csv) {
        try (var parser = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new StringReader(csv))) {
            return parser.getRecords();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Http.Response get(String token, String path) {
        return get(token, ORG, path);
    }

    private Http.Response get(String token, String org, String path) {
        var http = new Http(port);
        return (token == null ? http : http.as(token)).get("/api/v1/orgs/" + org + path);
    }
}
