package org.peertracker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;
import org.peertracker.events.CaseOpened;
import org.peertracker.events.Event;
import org.peertracker.events.Materials;
import org.peertracker.events.ReferralMade;
import org.peertracker.events.SessionStarted;
import org.peertracker.simulator.SimulatedField;
import org.peertracker.testing.SampleEvents;
import org.peertracker.testing.TestTokens;
import tools.jackson.databind.JsonNode;

/**
 * The dashboard in a real browser (headless Chromium through chromedriver, Debian's packages) against the deployed
 * system: a month of the field simulator's history, every tab's figures compared with the read API, a live update
 * without a reload (and how long it took), an analyst's suppressed counts, keyboard tabs, and screenshots of each tab.
 * Skips without {@code /usr/bin/chromium} or {@code /usr/bin/chromedriver}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserIT {

    static final Duration PAGE = Duration.ofSeconds(20);
    static final Duration LIVE = Duration.ofSeconds(30);
    static final List<String> TABS = List.of("support", "outreach", "campaigning", "involvement");
    static final String ORG = "mainline";

    static StackUnderTest stack;
    static ChromeDriver browser;
    static Chromium chromium;
    static final List<String> consoleProblems = new ArrayList<>();

    @BeforeAll
    static void startBrowserAndSendAMonthOfFieldWork() throws IOException {
        Chromium.assumeInstalled();
        stack = StackUnderTest.get();
        var now = Instant.now();
        var history = new ArrayList<>(new SimulatedField(ORG, 20_261_127).history(30, now.minusSeconds(60)));
        // the simulated sessions run in the daytime: a contact logged just now puts one in "today" at any hour
        history.add(SampleEvents.event(
                ORG, "peer-now", now.minusSeconds(30), new SessionStarted("s-now", "centrum", "street")));
        history.add(SampleEvents.event(
                ORG,
                "peer-now",
                now.minusSeconds(20),
                SampleEvents.anonymousContact("s-now", "centrum", 2, true, SampleEvents.syringes(5))));
        for (int from = 0; from < history.size(); from += 500) {
            var response = Client.post(events(ORG), history.subList(from, Math.min(history.size(), from + 500)));
            assertThat(response.status()).isEqualTo(202);
            assertThat(response.json().path("summary").path("rejected").asLong())
                    .isZero();
        }
        awaitSettled(ORG, history.stream().map(Event::eventId).distinct().count());

        chromium = Chromium.start("dashboard-browser", 1280, 900);
        browser = chromium.browser();
        // the page as wide as the window, in the screenshots too
        browser.executeCdpCommand("Emulation.setScrollbarsHidden", Map.of("hidden", true));
    }

    @AfterAll
    static void stopBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    @Order(1)
    void asksForATokenWhenTheLinkCarriesNone() {
        browser.get(stack.api() + "/");
        browser.executeScript("sessionStorage.clear()");
        browser.navigate().refresh();

        await().atMost(PAGE).until(() -> browser.findElement(By.id("sign-in")).isDisplayed());
        browser.findElement(By.id("token-input")).sendKeys("not-a-token");
        browser.findElement(By.cssSelector("#token-form button")).click();
        assertThat(browser.findElement(By.id("sign-in-reason")).getText()).contains("not a token");

        browser.findElement(By.id("token-input")).sendKeys(TestTokens.shared().coordinator(ORG));
        browser.findElement(By.cssSelector("#token-form button")).click();
        await().atMost(PAGE).until(() -> browser.findElement(By.id("dashboard")).isDisplayed());
        assertThat(browser.findElement(By.id("who")).getText()).startsWith(ORG + " · coordinator");
        assertThat(browser.getCurrentUrl()).doesNotContain("token");
        collectConsole();
    }

    @Test
    @Order(2)
    void showsTheFiguresOfTheReadApiOnEveryTab() throws IOException {
        open(TestTokens.shared().coordinator(ORG));
        assertThat(browser.getCurrentUrl())
                .as("the token leaves the address bar")
                .doesNotContain("token=");

        var tiles = api("dashboard");
        await().atMost(PAGE).untilAsserted(() -> {
            assertThat(figure("contactsToday")).isEqualTo(count(tiles, "contactsToday"));
            assertThat(figure("peopleReachedToday")).isEqualTo(count(tiles, "peopleReachedToday"));
            assertThat(figure("materialsThisWeek.syringes"))
                    .isEqualTo(count(tiles.path("materialsThisWeek"), "syringes"));
            assertThat(figure("materialsThisWeek.naloxoneKits"))
                    .isEqualTo(count(tiles.path("materialsThisWeek"), "naloxoneKits"));
            assertThat(figure("openCases")).isEqualTo(count(tiles, "openCases"));
            assertThat(figure("referralsPending")).isEqualTo(count(tiles, "referralsPending"));
            assertThat(figure("activeCampaigns")).isEqualTo(count(tiles, "activeCampaigns"));
            assertThat(figure("peerHoursThisMonth")).isEqualTo(decimal(tiles, "peerHoursThisMonth"));
            assertThat(figure("shareCoDecidingOrLeading")).isEqualTo(percent(tiles, "shareCoDecidingOrLeading"));
            assertThat(figure("activePeersThisMonth")).isEqualTo(count(tiles, "activePeersThisMonth"));
        });
        assertThat(count(tiles, "contactsToday"))
                .as("the history reaches today")
                .isNotEqualTo("0");

        // a case gone quiet with a referral overdue: two follow-ups the page must list
        var quiet = "quiet-" + UUID.randomUUID().toString().substring(0, 8);
        var longAgo = Instant.now().minus(Duration.ofDays(30));
        var quietCase = Client.post(
                events(ORG),
                List.of(
                        SampleEvents.event(
                                ORG,
                                "peer-05",
                                longAgo,
                                new CaseOpened(quiet, "QUIET2026", null, List.of("housing"), "outreach")),
                        SampleEvents.event(
                                ORG,
                                "peer-05",
                                longAgo.plusSeconds(60),
                                new ReferralMade(
                                        quiet,
                                        "r-1",
                                        "housing",
                                        LocalDate.now(ZoneId.of("Europe/Amsterdam"))
                                                .minusDays(2)))));
        assertThat(quietCase.json().path("summary").path("accepted").asInt())
                .as(quietCase.json().toString())
                .isEqualTo(2);
        await().atMost(LIVE)
                .until(() -> api("support/follow-ups")
                                .path("items")
                                .valueStream()
                                .filter(item -> quiet.equals(item.path("caseId").asString()))
                                .count()
                        == 2);
        showTab("support");
        var month = browser.findElement(By.id("month")).getDomProperty("value");
        var caseload = api("support/caseload?month=" + month);
        var open = api("support/cases?status=open&size=1");
        var followUps = api("support/follow-ups").path("items");
        await().atMost(PAGE).untilAsserted(() -> {
            assertThat(figure("followUpsTotal")).isEqualTo(grouped(followUps.size()));
            assertThat(rows("follow-ups")).isEqualTo(followUps.size());
            for (var item : followUps) {
                var key =
                        item.path("kind").asString() + "|" + item.path("caseId").asString() + "|"
                                + (item.path("referralId").isNull()
                                        ? ""
                                        : item.path("referralId").asString());
                assertThat(cells("follow-ups", key))
                        .as(key)
                        .contains(item.path("caseId").asString());
            }
            assertThat(figure("openCasesTotal")).isEqualTo(count(open, "total"));
            // the tile counts those past their limit: referrals overdue, cases without a contact for too long
            assertThat(figure("followUpsOverdue"))
                    .isEqualTo(grouped(followUps
                            .valueStream()
                            .filter(f -> !f.path("kind").asString().equals("referral-due"))
                            .count()));
            assertThat(caseload.path("peers").size()).isPositive();
            for (var peer : caseload.path("peers")) {
                assertThat(cells("caseload", peer.path("peerId").asString()))
                        .containsExactly(
                                count(peer, "openCases"),
                                count(peer, "contacts"),
                                count(peer, "minutes"),
                                count(peer, "casesOpened"),
                                count(peer, "casesClosed"));
            }
            for (var service : caseload.path("referrals").propertyNames()) {
                var statuses = caseload.path("referrals").path(service);
                assertThat(cells("referrals", service))
                        .containsExactly(
                                count(statuses, "pending"),
                                count(statuses, "attended"),
                                count(statuses, "not-attended"),
                                count(statuses, "declined"));
            }
        });
        screenshot("support");

        showTab("outreach");
        var from = browser.findElement(By.id("from")).getDomProperty("value");
        var to = browser.findElement(By.id("to")).getDomProperty("value");
        assertThat(LocalDate.parse(to))
                .isEqualTo(LocalDate.parse(tiles.path("today").asString()));
        var daily = api("outreach/daily?from=" + from + "&to=" + to);
        var sessions = api("outreach/sessions?from=" + from + "&to=" + to + "&size=1");
        var since = LocalDate.parse(from).atStartOfDay(ZoneId.systemDefault()).toInstant();
        var signals = api("outreach/signals?size=1&since=" + since);
        var reached = api("outreach/clients-reached?from=" + from.substring(0, 7) + "&to=" + to.substring(0, 7));
        await().atMost(PAGE).untilAsserted(() -> {
            assertThat(reached.path("months").size())
                    .as("the history reaches clients")
                    .isPositive();
            for (var reachedIn : reached.path("months")) {
                var name = reachedIn.path("month").asString();
                assertThat(cells("clients-reached", name + "|")).endsWith(count(reachedIn, "clients"));
                for (var area : reachedIn.path("areas").propertyNames()) {
                    assertThat(cells("clients-reached", name + "|" + area))
                            .endsWith(count(reachedIn.path("areas"), area));
                }
            }
            assertThat(figure("rangeContacts")).isEqualTo(sum(daily, "contacts"));
            assertThat(figure("rangePeopleReached")).isEqualTo(sum(daily, "peopleReached"));
            assertThat(figure("rangeNewContacts")).isEqualTo(sum(daily, "newContacts"));
            assertThat(figure("rangeSessions")).isEqualTo(sum(daily, "sessions"));
            assertThat(figure("rangeSignals")).isEqualTo(sum(daily, "signals"));
            assertThat(figure("sessionsTotal")).isEqualTo(count(sessions, "total"));
            assertThat(figure("signalsTotal")).isEqualTo(count(signals, "total"));
            assertThat(rows("daily")).isEqualTo(daily.path("days").size());
            for (var day : daily.path("days")) {
                assertThat(cells(
                                "daily",
                                day.path("day").asString() + "|"
                                        + day.path("area").asString()))
                        .containsExactly(
                                day.path("area").asString(),
                                count(day, "sessions"),
                                count(day, "contacts"),
                                count(day, "newContacts"),
                                count(day, "peopleReached"),
                                count(day, "signals"));
            }
            for (var material :
                    List.of("syringes", "needlesReturned", "naloxoneKits", "condoms", "foil", "pipes", "leaflets")) {
                long total = 0;
                for (var day : daily.path("days")) {
                    total += day.path("materials").path(material).asLong();
                }
                assertThat(cells("materials", material)).containsExactly(grouped(total));
            }
        });
        screenshot("outreach");

        showTab("campaigning");
        var campaigns = api("campaigns");
        await().atMost(PAGE).untilAsserted(() -> {
            assertThat(campaigns.path("items").size()).isEqualTo(2);
            for (var campaign : campaigns.path("items")) {
                var card = browser.findElement(By.cssSelector(
                        "article[data-key='" + campaign.path("campaignId").asString() + "']"));
                assertThat(card.findElement(By.tagName("h3")).getText())
                        .startsWith(campaign.path("name").asString());
                assertThat(text(card, "actions")).isEqualTo(count(campaign, "actions"));
                assertThat(text(card, "participants")).isEqualTo(count(campaign, "participants"));
                assertThat(text(card, "audience")).isEqualTo(count(campaign, "audience"));
                assertThat(text(card, "mediaHits")).isEqualTo(count(campaign, "mediaHits"));
                assertThat(text(card, "cityCount"))
                        .isEqualTo(String.valueOf(campaign.path("cities").size()));
            }
        });
        screenshot("campaigning");

        showTab("involvement");
        var involvement = api("involvement/monthly?month=" + month);
        await().atMost(PAGE).untilAsserted(() -> {
            var columns = new ArrayList<JsonNode>();
            involvement.path("bySetting").forEach(columns::add);
            columns.add(involvement.path("all"));
            assertThat(involvement.path("bySetting").propertyNames()).contains("integrated", "autonomous");
            assertThat(cells("settings", "activePeers"))
                    .containsExactlyElementsOf(
                            columns.stream().map(c -> count(c, "activePeers")).toList());
            assertThat(cells("settings", "hours"))
                    .containsExactlyElementsOf(
                            columns.stream().map(c -> decimal(c, "hours")).toList());
            assertThat(cells("settings", "shareCoDecidingOrLeading"))
                    .containsExactlyElementsOf(columns.stream()
                            .map(c -> percent(c, "shareCoDecidingOrLeading"))
                            .toList());
            assertThat(cells("settings", "trainings"))
                    .containsExactlyElementsOf(
                            columns.stream().map(c -> count(c, "trainings")).toList());
            assertThat(cells("settings", "compensation"))
                    .containsExactlyElementsOf(columns.stream()
                            .map(c -> String.format(
                                    Locale.UK,
                                    "€%,.2f",
                                    new BigDecimal(
                                            c.path("compensation").path("EUR").asString("0"))))
                            .toList());
            for (var level : List.of("informed", "consulted", "advising", "co-deciding", "leading")) {
                assertThat(cells("settings", "level:" + level))
                        .containsExactlyElementsOf(columns.stream()
                                .map(c -> grouped(new BigDecimal(
                                        c.path("hoursByLevel").path(level).asString("0"))))
                                .toList());
            }
        });
        screenshot("involvement");

        browser.manage().window().setSize(new Dimension(390, 844));
        showTab("outreach");
        screenshot("phone", 1800);
        browser.manage().window().setSize(new Dimension(1280, 900));
        collectConsole();
    }

    @Test
    @Order(3)
    void movesBetweenTabsWithTheArrowKeys() {
        open(TestTokens.shared().coordinator(ORG));
        showTab("support");
        browser.findElement(By.id("tab-support")).sendKeys(Keys.ARROW_RIGHT);
        assertThat(selectedTab()).isEqualTo("outreach");
        assertThat(browser.switchTo().activeElement().getDomAttribute("id")).isEqualTo("tab-outreach");
        assertThat(browser.findElement(By.id("panel-outreach")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("panel-support")).isDisplayed()).isFalse();
        browser.switchTo().activeElement().sendKeys(Keys.END);
        assertThat(selectedTab()).isEqualTo("activity");
        browser.switchTo().activeElement().sendKeys(Keys.ARROW_RIGHT);
        assertThat(selectedTab()).isEqualTo("support");
        browser.switchTo().activeElement().sendKeys(Keys.ARROW_LEFT);
        assertThat(selectedTab()).isEqualTo("activity");
        browser.switchTo().activeElement().sendKeys(Keys.HOME);
        assertThat(selectedTab()).isEqualTo("support");
        assertThat(browser.findElements(By.cssSelector("[role=tab][tabindex='0']")))
                .hasSize(1);
        collectConsole();
    }

    @Test
    @Order(4)
    void changesThePageWithoutAReloadWhenAnEventArrives() {
        open(TestTokens.shared().coordinator(ORG));
        showTab("outreach");
        await().atMost(LIVE).untilAsserted(() -> {
            assertThat(browser.findElement(By.id("live")).getDomAttribute("data-state"))
                    .isEqualTo("connected");
            assertThat(browser.findElement(By.id("live-text")).getText()).isEqualTo("Live");
        });
        browser.executeScript("window.__loadedOnce = true");

        var latencies = new ArrayList<Long>();
        for (int i = 0; i < 3; i++) {
            var before = parse(figure("contactsToday"));
            var rangeBefore = figure("rangeContacts");
            browser.executeScript("""
                    const tile = document.querySelector('#tiles [data-figure="contactsToday"]');
                    const before = tile.textContent;
                    window.__changedAt = null;
                    new MutationObserver((records, observer) => {
                      if (tile.textContent !== before) {
                        window.__changedAt = Date.now();
                        observer.disconnect();
                      }
                    }).observe(tile, {childList: true, characterData: true, subtree: true});""");
            var contact = SampleEvents.event(
                    ORG,
                    "peer-01",
                    Instant.now().minusSeconds(1),
                    SampleEvents.anonymousContact(
                            "live-" + UUID.randomUUID().toString().substring(0, 8),
                            "oost",
                            2,
                            true,
                            new Materials(10, 5, 1, 0, 0, 0, 1)));
            var response = Client.post(events(ORG), List.of(contact));
            long accepted = System.currentTimeMillis();
            assertThat(response.status()).isEqualTo(202);

            var changedAt = await().atMost(LIVE)
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> (Long) browser.executeScript("return window.__changedAt"), at -> at != null);
            latencies.add(changedAt - accepted);
            assertThat(parse(figure("contactsToday"))).isEqualTo(before + 1);
            await().atMost(PAGE)
                    .untilAsserted(() -> assertThat(figure("rangeContacts")).isNotEqualTo(rangeBefore));
        }
        assertThat((Boolean) browser.executeScript("return window.__loadedOnce === true"))
                .as("no reload")
                .isTrue();
        var report = "DashboardBrowserIT: live update, POST answered 202 -> tile changed in the browser: " + latencies
                + " ms";
        System.out.println(report);
        writeReport(report);
        collectConsole();
    }

    @Test
    @Order(5)
    void readsWhatItShowsAgainWhenTheStreamComesBack() {
        open(TestTokens.shared().coordinator(ORG));
        showTab("outreach");
        await().atMost(LIVE).until(() -> "connected".equals(liveState()));
        browser.executeCdpCommand("Network.enable", Map.of());
        try {
            network(false);
            await().atMost(PAGE).until(() -> "offline".equals(liveState()));
            assertThat(browser.findElement(By.id("live-text")).getText()).isEqualTo("Not connected");
            var shown = figure("contactsToday");
            var contact = SampleEvents.event(
                    ORG,
                    "peer-02",
                    Instant.now().minusSeconds(1),
                    SampleEvents.anonymousContact(
                            "offline-" + UUID.randomUUID().toString().substring(0, 8),
                            "west",
                            1,
                            false,
                            Materials.NONE));
            assertThat(Client.post(events(ORG), List.of(contact)).status()).isEqualTo(202);
            // its notification goes by while the page is offline
            var expected = await().atMost(LIVE)
                    .until(() -> count(api("dashboard"), "contactsToday"), now -> !now.equals(shown));
            assertThat(figure("contactsToday")).isEqualTo(shown);

            network(true);
            await().atMost(LIVE).until(() -> "connected".equals(liveState()));
            await().atMost(PAGE)
                    .untilAsserted(() -> assertThat(figure("contactsToday")).isEqualTo(expected));
        } finally {
            network(true);
            // the requests that failed while offline are the point here, not problems of the page
            browser.manage().logs().get(LogType.BROWSER);
        }
    }

    @Test
    @Order(6)
    void letsACoordinatorVoidAndAmendAnEventFromTheActivityTab() throws IOException {
        var session = "fix-" + UUID.randomUUID().toString().substring(0, 8);
        var at = Instant.now().minusSeconds(5);
        var twice = SampleEvents.event(
                ORG, "peer-03", at, SampleEvents.anonymousContact(session, "noord", 1, true, SampleEvents.syringes(4)));
        var mistyped = SampleEvents.event(
                ORG,
                "peer-03",
                at.plusSeconds(1),
                SampleEvents.anonymousContact(session, "noord", 1, true, SampleEvents.syringes(200)));
        assertThat(Client.post(events(ORG), List.of(twice, mistyped)).status()).isEqualTo(202);
        await().atMost(LIVE)
                .until(() -> api("events/" + twice.eventId()).path("counted").asBoolean(false)
                        && api("events/" + mistyped.eventId()).path("counted").asBoolean(false));

        open(TestTokens.shared().coordinator(ORG));
        showTab("activity");
        correct(twice.eventId(), "event.voided", "duplicate", null);
        correct(mistyped.eventId(), "event.amended", "entered-in-error", "\"syringes\": 200", "\"syringes\": 20");

        await().atMost(LIVE).untilAsserted(() -> {
            assertThat(api("events/" + twice.eventId()).path("effect").asString())
                    .isEqualTo("voided");
            var amended = api("events/" + mistyped.eventId());
            assertThat(amended.path("effect").asString()).isEqualTo("amended");
            assertThat(amended.path("counted").asBoolean()).isTrue();
            var listed = api("outreach/sessions/" + session);
            assertThat(listed.path("contacts").asLong()).isEqualTo(1);
            assertThat(listed.path("materials").path("syringes").asLong()).isEqualTo(20);
        });
        await().atMost(PAGE).untilAsserted(() -> {
            assertThat(cells("activity", twice.eventId().toString()))
                    .anySatisfy(cell -> assertThat(cell).startsWith("voided (Duplicate) by coordinator"));
            assertThat(cells("activity", mistyped.eventId().toString()))
                    .anySatisfy(cell -> assertThat(cell).startsWith("amended (Entered in error) by coordinator"));
        });
        screenshot("activity", 1400);
        collectConsole();
    }

    /** Opens the correction dialog of an event of the activity tab, fills it in and sends it. */
    private static void correct(UUID eventId, String kind, String reason, String replace, String... with) {
        // the table is drawn anew whenever the live stream says the log changed: find the button and click it at once
        await().atMost(PAGE).until(() -> (Boolean) browser.executeScript("""
                        const button = document.querySelector(`[data-correct="${arguments[0]}"]`);
                        if (button) { button.click(); }
                        return button !== null;""", eventId.toString()));
        var dialog = browser.findElement(By.id("correct-dialog"));
        await().atMost(PAGE).until(dialog::isDisplayed);
        dialog.findElement(By.cssSelector("input[name=kind][value='" + kind + "']"))
                .click();
        new Select(browser.findElement(By.id("correct-reason"))).selectByValue(reason);
        if (replace != null) {
            var payload = browser.findElement(By.id("correct-payload"));
            var offered = payload.getDomProperty("value");
            assertThat(offered)
                    .as("the payload offered for amending holds the value to fix")
                    .contains(replace);
            var edited = offered.replace(replace, with[0]);
            browser.executeScript("arguments[0].value = arguments[1]", payload, edited);
        }
        dialog.findElement(By.cssSelector("button[type=submit]")).click();
        await().atMost(PAGE).until(() -> !dialog.isDisplayed());
        assertThat(browser.findElement(By.id("correct-problem")).getText()).isEmpty();
    }

    @Test
    @Order(7)
    void showsAnAnalystsSuppressedCountsAsTheyAreAndDownloadsThemSo() throws IOException {
        var org = "small-" + UUID.randomUUID().toString().substring(0, 8);
        var at = Instant.now().minusSeconds(30);
        var few = List.of(
                SampleEvents.event(
                        org, "p1", at, SampleEvents.anonymousContact("s1", "oost", 1, true, SampleEvents.syringes(3))),
                SampleEvents.event(
                        org,
                        "p1",
                        at,
                        SampleEvents.anonymousContact("s1", "oost", 2, false, SampleEvents.syringes(40))),
                SampleEvents.event(
                        org,
                        "p1",
                        at,
                        SampleEvents.anonymousContact("s1", "west", 1, false, SampleEvents.syringes(12))));
        assertThat(Client.post(events(org), few).status()).isEqualTo(202);
        awaitSettled(org, few.size());
        var asAnalyst = Client.sendAs(
                        TestTokens.shared().analyst(org),
                        HttpRequest.newBuilder(URI.create(stack.api() + "/api/v1/orgs/" + org + "/dashboard"))
                                .GET())
                .json();
        assertThat(asAnalyst.path("contactsToday").asString()).isEqualTo("<5");

        // another link in the same tab: only the fragment changes, the page does not reload
        browser.get(stack.api() + "/#token=" + TestTokens.shared().analyst(org));
        await().atMost(PAGE)
                .until(() -> browser.findElement(By.id("who")).getText().startsWith(org + " · analyst"));
        awaitTiles();
        await().atMost(PAGE).untilAsserted(() -> {
            assertThat(figure("contactsToday")).isEqualTo("<5");
            assertThat(figure("peopleReachedToday")).isEqualTo("<5");
            assertThat(figure("materialsThisWeek.syringes"))
                    .isEqualTo(
                            asAnalyst.path("materialsThisWeek").path("syringes").asString());
        });
        showTab("outreach");
        await().atMost(PAGE).untilAsserted(() -> {
            assertThat(figure("sessionsTotal")).isEqualTo("not shown to your role");
            assertThat(browser.findElement(By.cssSelector("[data-tile='follow-ups-overdue']"))
                            .isDisplayed())
                    .as("follow-ups are not an analyst's")
                    .isFalse();
            assertThat(browser.findElement(By.id("tab-activity")).isDisplayed())
                    .as("the activity log is not an analyst's")
                    .isFalse();
            assertThat(figure("rangeContacts")).startsWith("≥ ");
            assertThat(cells("daily", LocalDate.now(ZoneId.of("Europe/Amsterdam")) + "|oost"))
                    .contains("<5");
        });
        // the tab's download: the export of what it shows, suppressed as on the page; no export of sessions offered
        var downloads = Files.createTempDirectory("dashboard-downloads");
        browser.executeCdpCommand(
                "Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath", downloads.toString()));
        var outreach = browser.findElement(By.id("panel-outreach"));
        assertThat(outreach.findElement(By.cssSelector("[data-export='outreach-sessions']"))
                        .isDisplayed())
                .isFalse();
        outreach.findElement(By.cssSelector("[data-export='outreach-daily']")).click();
        await().atMost(PAGE).until(() -> {
            try (var files = Files.list(downloads)) {
                return files.anyMatch(f -> f.getFileName().toString().matches("outreach-daily-" + org + "-.*\\.csv"));
            }
        });
        try (var files = Files.list(downloads)) {
            var csv = Files.readString(
                    files.filter(f -> f.toString().endsWith(".csv")).findFirst().orElseThrow());
            assertThat(csv).startsWith("day,area,sessions,contacts,").contains(",oost,", "<5");
        }
        assertThat(browser.findElement(By.tagName("body")).getText()).doesNotContain("NaN", "undefined");
        collectConsole();
        assertThat(consoleProblems)
                .as("script errors or Content-Security-Policy violations in the browser")
                .isEmpty();
    }

    @Test
    @Order(8)
    void switchesToDutchWithEveryLabelFromTheCatalogueAndRemembersTheChoice() throws IOException {
        open(TestTokens.shared().coordinator(ORG));
        assertThat(browser.findElement(By.id("tab-support")).getText()).isEqualTo("Support");

        new Select(browser.findElement(By.id("language"))).selectByValue("nl");
        await().atMost(PAGE).untilAsserted(() -> {
            assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang"))
                    .isEqualTo("nl");
            assertThat(browser.findElement(By.id("tab-support")).getText()).isEqualTo("Ondersteuning");
            assertThat(label("dashboard.tiles.contactsToday")).isEqualTo("Contacten vandaag");
            assertThat(label("dashboard.tiles.followUpsOverdue")).isEqualTo("Achterstallige opvolging");
            assertThat(browser.findElement(By.id("tiles-when")).getText()).startsWith("Vandaag, ");
            assertThat(browser.findElement(By.id("live-text")).getText()).isIn("Live", "Verbinden…");
        });
        showTab("outreach");
        await().atMost(PAGE).untilAsserted(() -> {
            var shown = browser.findElement(By.tagName("body")).getText();
            assertThat(shown)
                    .contains("Contacten en bereikte mensen per dag", "Bereikte cliënten per maand", "Signalen:")
                    .contains("Downloaden (CSV):", "Aantallen van 1 tot 4")
                    .doesNotContain(
                            "Contacts today",
                            "People reached",
                            "New and returning",
                            "Materials handed out",
                            "Figures per day and area",
                            "Clients reached per month",
                            "Sessions:",
                            "Download (CSV):",
                            "Counts from 1 to 4",
                            "updated ");
        });
        screenshot("outreach-nl", 1400);

        // the choice is kept in this browser: a reload stays in Dutch
        browser.navigate().refresh();
        awaitTiles();
        assertThat(browser.findElement(By.id("tab-support")).getText()).isEqualTo("Ondersteuning");

        new Select(browser.findElement(By.id("language"))).selectByValue("en");
        await().atMost(PAGE)
                .untilAsserted(
                        () -> assertThat(label("dashboard.tiles.contactsToday")).isEqualTo("Contacts today"));
        collectConsole();
        assertThat(consoleProblems)
                .as("script errors or Content-Security-Policy violations in the browser")
                .isEmpty();
    }

    // ---- the page ----

    /** The text of the element that shows a key of the catalogue. */
    private static String label(String key) {
        return browser.findElement(By.cssSelector("[data-i18n='" + key + "']")).getText();
    }

    /** Loads the page afresh with a token in the fragment, as a link from infra/up or a sign-in would. */
    private static void open(String token) {
        browser.get("about:blank");
        browser.get(stack.api() + "/#token=" + token);
        awaitTiles();
    }

    private static void awaitTiles() {
        await().atMost(PAGE)
                .until(() -> browser.findElement(By.id("dashboard")).isDisplayed()
                        && "false".equals(browser.findElement(By.id("tiles")).getDomAttribute("aria-busy"))
                        && !"–".equals(figure("contactsToday")));
    }

    private static void showTab(String tab) {
        browser.findElement(By.id("tab-" + tab)).click();
        await().atMost(PAGE).until(() -> {
            var panel = browser.findElement(By.id("panel-" + tab));
            return panel.isDisplayed()
                    && panel.getDomAttribute("data-loads") != null
                    && "false".equals(panel.getDomAttribute("aria-busy"));
        });
    }

    /** The browser's network on or off, as when a laptop loses its Wi-Fi: the page hears "offline" and "online". */
    private static void network(boolean online) {
        browser.executeCdpCommand(
                "Network.emulateNetworkConditions",
                Map.of("offline", !online, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
    }

    private static String liveState() {
        return browser.findElement(By.id("live")).getDomAttribute("data-state");
    }

    private static String selectedTab() {
        return browser.findElement(By.cssSelector("[role=tab][aria-selected=true]"))
                .getDomAttribute("id")
                .substring(4);
    }

    /** A figure as shown: the text of the visible element named by {@code data-figure}. */
    private static String figure(String name) {
        return browser.findElements(By.cssSelector("[data-figure='" + name + "']")).stream()
                .filter(WebElement::isDisplayed)
                .findFirst()
                .orElseThrow()
                .getText();
    }

    private static String text(WebElement within, String name) {
        return within.findElement(By.cssSelector("[data-figure='" + name + "']"))
                .getText();
    }

    /** The cells of a table's row, as the page has them (tables inside closed details included). */
    @SuppressWarnings("unchecked")
    private static List<String> cells(String table, String key) {
        return (List<String>) browser.executeScript("""
                const row = [...document.querySelectorAll(`[data-table="${arguments[0]}"] tbody tr`)]
                    .find(tr => tr.dataset.key === arguments[1]);
                return row ? [...row.querySelectorAll('td')].map(td => td.textContent) : null;""", table, key);
    }

    private static long rows(String table) {
        return (Long) browser.executeScript(
                "return document.querySelectorAll(`[data-table=\"${arguments[0]}\"] tbody tr[data-key]`).length",
                table);
    }

    private static void screenshot(String name) throws IOException {
        screenshot(name, Double.MAX_VALUE);
    }

    /** The whole page (down to {@code maxHeight} CSS pixels), not only the window. */
    private static void screenshot(String name, double maxHeight) throws IOException {
        @SuppressWarnings("unchecked")
        var size = (Map<String, Number>)
                browser.executeCdpCommand("Page.getLayoutMetrics", Map.of()).get("cssContentSize");
        var height = Math.min(size.get("height").doubleValue(), maxHeight);
        var shot = browser.executeCdpCommand(
                "Page.captureScreenshot",
                Map.of(
                        "format",
                        "png",
                        "captureBeyondViewport",
                        true,
                        "clip",
                        Map.of("x", 0, "y", 0, "width", size.get("width"), "height", height, "scale", 1)));
        var png = Base64.getDecoder().decode((String) shot.get("data"));
        var target = Path.of("target", "screenshots");
        Files.createDirectories(target);
        Files.write(target.resolve(name + ".png"), png);
        // the committed ones (docs/screenshots) change only when asked: every run's data differs a little
        if (Boolean.getBoolean("tracker.screenshots.update")) {
            var docs = Path.of(System.getProperty("tracker.screenshots.dir", "target/docs-screenshots"));
            Files.createDirectories(docs);
            Files.write(docs.resolve(name + ".png"), png);
        }
    }

    private static void collectConsole() {
        for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.WARNING.intValue()) {
                consoleProblems.add(entry.getMessage());
            }
        }
    }

    // ---- the read API ----

    private static JsonNode api(String path) {
        return Client.get(stack.api() + "/api/v1/orgs/" + ORG + "/" + path);
    }

    private static String events(String org) {
        return stack.api() + "/api/v1/orgs/" + org + "/events";
    }

    /** Until every event is in the activity log and the figures the page shows stop moving. */
    private static void awaitSettled(String org, long distinctEvents) {
        var previous = new String[1];
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    var base = stack.api() + "/api/v1/orgs/" + org + "/";
                    var sinceTheHistory = Instant.now().minus(Duration.ofDays(40));
                    assertThat(Client.get(base + "activity?size=1&from=" + sinceTheHistory)
                                    .path("total")
                                    .asLong())
                            .isEqualTo(distinctEvents);
                    var snapshot = String.join(
                            "\n",
                            Client.get(base + "dashboard").toString(),
                            Client.get(base + "support/caseload").toString(),
                            Client.get(base + "campaigns").toString(),
                            Client.get(base + "involvement/monthly").toString(),
                            Client.get(base + "outreach/daily").toString());
                    var settled = snapshot.equals(previous[0]);
                    previous[0] = snapshot;
                    assertThat(settled).isTrue();
                });
    }

    // ---- numbers as the page shows them (en-GB grouping) ----

    private static String count(JsonNode node, String field) {
        var value = node.path(field);
        return value.isString() ? value.asString() : grouped(value.asLong());
    }

    private static String decimal(JsonNode node, String field) {
        return grouped(new BigDecimal(node.path(field).asString("0")));
    }

    private static String percent(JsonNode node, String field) {
        var share =
                new BigDecimal(node.path(field).asString("0")).movePointRight(2).setScale(1, RoundingMode.HALF_EVEN);
        return share.stripTrailingZeros().toPlainString() + "%";
    }

    private static String sum(JsonNode daily, String field) {
        long total = 0;
        for (var day : daily.path("days")) {
            total += day.path(field).asLong();
        }
        return grouped(total);
    }

    private static String grouped(long value) {
        return String.format(Locale.UK, "%,d", value);
    }

    private static String grouped(BigDecimal value) {
        var rounded = value.setScale(2, RoundingMode.HALF_EVEN).stripTrailingZeros();
        var whole = rounded.setScale(0, RoundingMode.DOWN);
        var fraction = rounded.subtract(whole).stripTrailingZeros();
        return grouped(whole.longValue())
                + (fraction.signum() == 0 ? "" : fraction.toPlainString().substring(1));
    }

    private static long parse(String shown) {
        return Long.parseLong(shown.replace(",", ""));
    }

    private static void writeReport(String line) {
        try {
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "dashboard-live-latency.txt"), line + System.lineSeparator());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
