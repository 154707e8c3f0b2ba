package org.peertracker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.peertracker.events.CaseOpened;
import org.peertracker.events.EventCodec;
import org.peertracker.testing.SampleEvents;
import org.peertracker.testing.TestTokens;
import tools.jackson.databind.JsonNode;

/**
 * The peers' field app in a headless Chromium with a phone's viewport, against the deployed system: a session's
 * contacts, a signal, a case and its contact and hours logged with the network off, the page reloaded offline from
 * its service worker, then online: every event reaches the views exactly once; a contact on another peer's case is
 * refused with its reason in Dutch, fixed and sent again, and counted; the peer's figures are the read API's.
 * Skips without {@code /usr/bin/chromium} or {@code /usr/bin/chromedriver}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FieldAppBrowserIT {

    static final Duration PAGE = Duration.ofSeconds(20);
    static final Duration SYNC = Duration.ofSeconds(90);
    static final String ORG = "field-" + UUID.randomUUID().toString().substring(0, 8);
    static final String PEER = "peer-017";
    static final String OTHER_PEER = "peer-099";
    static final String OTHERS_CASE = "c-of-another-peer";
    static final int CONTACTS = 24;

    static StackUnderTest stack;
    static ChromeDriver browser;
    static Chromium chromium;
    static final List<String> consoleProblems = new ArrayList<>();

    @BeforeAll
    static void startBrowserOnAPhone() throws IOException {
        Chromium.assumeInstalled();
        stack = StackUnderTest.get();
        var othersCase = SampleEvents.event(
                ORG,
                OTHER_PEER,
                Instant.now().minusSeconds(60),
                new CaseOpened(OTHERS_CASE, "ZZ99XX", null, List.of("housing"), "self"));
        assertThat(Client.post(events(), List.of(othersCase)).status()).isEqualTo(202);
        await().atMost(SYNC)
                .until(() -> Client.send(HttpRequest.newBuilder(URI.create(api("support/cases/" + OTHERS_CASE)))
                                        .GET())
                                .status()
                        == 200);

        chromium = Chromium.start("field-browser", 390, 844);
        browser = chromium.browser();
        browser.executeCdpCommand(
                "Emulation.setDeviceMetricsOverride",
                Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
        browser.executeCdpCommand("Emulation.setScrollbarsHidden", Map.of("hidden", true));
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (chromium != null) {
            // what the page said, for a failed run
            var log = Path.of("target", "field-browser-console.txt");
            Files.createDirectories(log.getParent());
            Files.write(
                    log,
                    browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                            .map(LogEntry::toString)
                            .toList());
            chromium.close();
        }
    }

    @Test
    @Order(1)
    void logsOfflineReloadsOfflineAndSendsEveryEventOnceWhenOnline() throws IOException {
        try {
            logOfflineReloadOfflineAndSendOnline();
        } catch (AssertionError | RuntimeException e) {
            screenshot("failure");
            var console = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .map(LogEntry::getMessage)
                    .toList();
            throw new AssertionError(
                    "console: " + console + "; outbox: "
                            + browser.findElement(By.id("outbox-list")).getText(),
                    e);
        }
    }

    private void logOfflineReloadOfflineAndSendOnline() throws IOException {
        browser.get(stack.api() + "/field/#token=" + TestTokens.shared().peer(ORG, PEER));
        awaitScreen("session");
        assertThat(browser.getCurrentUrl()).doesNotContain("token");
        await().atMost(PAGE).until(() -> (Boolean) browser.executeAsyncScript(
                "navigator.serviceWorker.ready.then(() => arguments[0](navigator.serviceWorker.controller !== null))"));

        network(false);
        FieldForms.startSession(browser, "oost", "street");

        var form = browser.findElement(By.id("contact-form"));
        // the common case, an anonymous contact with three syringes: three taps on + and one on save
        var taps = 0;
        for (int i = 0; i < 3; i++) {
            plus(form, "materials.syringes");
            taps++;
        }
        submit(form);
        taps++;
        assertThat(taps).isLessThanOrEqualTo(5);
        await().atMost(PAGE)
                .until(() ->
                        browser.findElement(By.id("session-count")).getText().startsWith("1 "));
        for (int i = 1; i < CONTACTS; i++) {
            form = browser.findElement(By.id("contact-form"));
            if (i % 4 == 0) {
                choose(form, "newContact", "true");
                plus(form, "groupSize");
            }
            for (int n = 0; n < i % 3; n++) {
                plus(form, "materials.needlesReturned");
            }
            if (i == CONTACTS - 1) {
                // a thumb that taps twice: one contact
                browser.executeScript("document.getElementById('toast').classList.remove('shown')");
                doubleTap(form.findElement(By.cssSelector("button[type=submit]")));
            } else {
                submit(form);
            }
            var expected = (i + 1) + " ";
            await().atMost(PAGE)
                    .until(() -> browser.findElement(By.id("session-count"))
                            .getText()
                            .startsWith(expected));
        }

        tap(browser.findElement(By.id("go-signal")));
        awaitScreen("signal");
        var signal = browser.findElement(By.id("signal-form"));
        choose(signal, "kind", "new-substance");
        choose(signal, "severity", "high");
        type(signal, "text", "Blue pills sold as ecstasy near the station");
        submit(signal);
        awaitScreen("session");

        showScreen("cases");
        caseAction("case.opened");
        var opening = browser.findElement(By.id("case-form"));
        type(opening, "clientCode", "AB12CD34");
        chip(opening, "needs", "housing");
        select(opening, "referredBy", "outreach");
        submit(opening);
        awaitToast();
        caseAction("case.contact-logged");
        var ownCase = (String) browser.executeScript(
                "return document.querySelector('#case-form [data-field=caseId] datalist option').value");
        assertThat(ownCase).startsWith("c-");
        var contact = browser.findElement(By.id("case-form"));
        type(contact, "caseId", ownCase);
        plus(contact, "minutes");
        submit(contact);
        awaitToast();
        caseAction("case.contact-logged");
        var onOthersCase = browser.findElement(By.id("case-form"));
        type(onOthersCase, "caseId", OTHERS_CASE);
        submit(onOthersCase);
        awaitToast();

        showScreen("hours");
        var hours = browser.findElement(By.id("hours-form"));
        select(hours, "role", "educating");
        select(hours, "level", "co-deciding");
        type(hours, "body", "city-council-drug-policy");
        plus(hours, "hours");
        submit(hours);
        awaitToast();

        showScreen("session");
        // tapped twice: one session-ended among the events counted below
        doubleTap(browser.findElement(By.id("end-session")));
        await().atMost(PAGE)
                .until(() -> browser.findElement(By.id("start-form")).isDisplayed());

        int all = 1 + CONTACTS + 1 + 3 + 1 + 1;
        showScreen("outbox");
        await().atMost(PAGE).until(() -> counts().getOrDefault("pending", 0) == all);

        browser.navigate().refresh();
        awaitScreen("session");
        showScreen("outbox");
        await().atMost(PAGE).until(() -> counts().getOrDefault("pending", 0) == all);
        screenshot("outbox-offline-en");

        language("nl");

        network(true);
        showScreen("outbox");
        await().atMost(SYNC)
                .untilAsserted(() ->
                        assertThat(counts()).containsEntry("counted", all - 1).containsEntry("rejected", 1));
        var refused = browser.findElement(By.cssSelector("#outbox-list li[data-state=rejected]"));
        assertThat(refused.findElement(By.cssSelector(".reasons li")).getDomAttribute("data-rule"))
                .isEqualTo("own-case");
        assertThat(refused.findElement(By.cssSelector(".reasons")).getText()).contains("eigen casussen");
        screenshot("outbox-nl");

        var counted = eventIds("counted");
        assertThat(loggedByThePeer()).containsExactlyInAnyOrderElementsOf(counted);
        assertThat(Client.get(api("outreach/sessions?peerId=" + PEER))
                        .path("items")
                        .get(0)
                        .path("contacts")
                        .asInt())
                .isEqualTo(CONTACTS);

        tap(refused.findElement(By.cssSelector("button[data-action=fix]")));
        awaitScreen("edit");
        var fix = browser.findElement(By.id("edit-form"));
        assertThat(fix.findElement(By.cssSelector("[data-error-for=caseId]")).getText())
                .contains("eigen casussen");
        type(fix, "caseId", ownCase);
        submit(fix);
        showScreen("outbox");
        await().atMost(SYNC)
                .untilAsserted(
                        () -> assertThat(counts()).containsEntry("counted", all).doesNotContainKey("rejected"));
        assertThat(loggedByThePeer()).containsExactlyInAnyOrderElementsOf(eventIds("counted"));
        assertThat(Client.get(api("support/cases/" + ownCase)).path("contacts").asInt())
                .isEqualTo(2);

        // a contact logged in error, voided from the outbox: counted once, then no more
        var inError = browser.findElement(
                By.cssSelector("#outbox-list li[data-state=counted][data-type='outreach.contact-recorded']"));
        tap(inError.findElement(By.cssSelector("button[data-action=void]")));
        awaitScreen("edit");
        submit(browser.findElement(By.id("edit-form")));
        awaitScreen("outbox");
        await().atMost(SYNC)
                .untilAsserted(() -> assertThat(counts())
                        .containsEntry("counted", all + 1)
                        .doesNotContainKeys("pending", "rejected"));
        assertThat(Client.get(api("outreach/sessions?peerId=" + PEER))
                        .path("items")
                        .get(0)
                        .path("contacts")
                        .asInt())
                .isEqualTo(CONTACTS - 1);

        // a contact amended twice: the second amendment starts from what the first made it (it replaces it whole)
        var toAmend = (String) browser.executeScript("return [...document.querySelectorAll("
                + "\"#outbox-list li[data-state=counted][data-type='outreach.contact-recorded']\")]"
                + ".find(li => li.querySelector('button[data-action=amend]')).dataset.eventId");
        var syringes = amend(toAmend);
        assertThat(syringes)
                .as("the first amendment's form holds the contact as logged")
                .isNotNull();
        var afterFirst = amend(toAmend);
        assertThat(afterFirst)
                .as("the second amendment's form holds the contact as the first amendment made it")
                .isEqualTo(syringes + 1);
        await().atMost(SYNC).untilAsserted(() -> {
            var status = Client.get(api("events/" + toAmend));
            assertThat(status.path("effect").asString()).isEqualTo("amended");
            assertThat(status.path("counted").asBoolean()).isTrue();
        });
        collectConsole();
    }

    /**
     * Amends a sent contact from the outbox, one syringe more than its form shows; answers the number the form
     * showed before the tap.
     */
    private static Integer amend(String eventId) {
        showScreen("outbox");
        // the list is drawn again as the outbox changes (an earlier amendment being sent): tap the entry as it is now
        await().atMost(SYNC).until(() -> !counts().containsKey("pending"));
        await().atMost(PAGE)
                .ignoreExceptionsInstanceOf(StaleElementReferenceException.class)
                .until(() -> {
                    tap(browser.findElement(By.cssSelector(
                            "#outbox-list li[data-event-id='" + eventId + "'] " + "button[data-action=amend]")));
                    return true;
                });
        awaitScreen("edit");
        var form = browser.findElement(By.id("edit-form"));
        var input = field(form, "materials.syringes").findElement(By.cssSelector("input"));
        var shown = input.getDomProperty("value");
        plus(form, "materials.syringes");
        submit(form);
        awaitScreen("outbox");
        return shown == null || shown.isEmpty() ? 0 : Integer.valueOf(shown);
    }

    @Test
    @Order(2)
    void showsThePeersOwnFiguresAsTheReadApiHasThem() throws IOException {
        showScreen("figures");
        await().atMost(PAGE)
                .until(() -> "false"
                        .equals(browser.findElement(By.id("screen-figures")).getDomAttribute("aria-busy")));
        // the organisation's day, as the server counts it, whatever the phone's zone
        var today = LocalDate.now(ZoneId.of("Europe/Amsterdam"));
        var sessions = asPeer("outreach/sessions?from=" + today + "&to=" + today + "&peerId=" + PEER);
        long contacts = 0;
        long syringes = 0;
        for (var session : sessions.path("items")) {
            contacts += session.path("contacts").asLong();
            syringes += session.path("materials").path("syringes").asLong();
        }
        assertThat(contacts).as("one contact voided").isEqualTo(CONTACTS - 1);
        assertThat(figure("sessions.sessions"))
                .isEqualTo(String.valueOf(sessions.path("items").size()));
        assertThat(figure("sessions.contacts")).isEqualTo(String.valueOf(contacts));
        assertThat(figure("sessions.materials.syringes")).isEqualTo(String.valueOf(syringes));

        var cases = asPeer("support/cases?status=open&peerId=" + PEER);
        var shown = browser.findElements(By.cssSelector("#figures-cases li[data-case-id]")).stream()
                .map(li -> li.getDomAttribute("data-case-id"))
                .toList();
        var open = new ArrayList<String>();
        cases.path("items").forEach(item -> open.add(item.path("caseId").asString()));
        assertThat(shown).containsExactlyInAnyOrderElementsOf(open).doesNotContain(OTHERS_CASE);

        var month = asPeer("peers/" + PEER + "/involvement?month=" + YearMonth.from(today));
        assertThat(month.path("hours").asDouble()).isPositive();
        assertThat(figure("month.hours")).isEqualTo(decimal(month.path("hours").asDouble()));
        assertThat(figure("month.hoursByLevel.co-deciding"))
                .isEqualTo(
                        decimal(month.path("hoursByLevel").path("co-deciding").asDouble()));
        assertThat(figure("month.hoursByRole.educating"))
                .isEqualTo(decimal(month.path("hoursByRole").path("educating").asDouble()));
        screenshot("figures-nl");

        language("en");
        showScreen("figures");
        await().atMost(PAGE)
                .until(() -> "false"
                        .equals(browser.findElement(By.id("screen-figures")).getDomAttribute("aria-busy")));
        screenshot("figures-en");
        showScreen("outbox");
        screenshot("outbox-en");
        showScreen("session");
        FieldForms.startSession(browser, "west", "festival");
        plus(browser.findElement(By.id("contact-form")), "materials.syringes");
        screenshot("session-en");
        language("nl");
        showScreen("session");
        screenshot("session-nl");
        assertThat(wordsBrokenInTheTabs()).as("tab labels broken inside a word").isEmpty();
        for (var screen : List.of("session", "cases", "hours", "outbox", "settings")) {
            showScreen(screen);
            if (screen.equals("cases")) {
                caseAction("case.referral-made");
            }
            assertThat(unlabelledControls())
                    .as("controls without a name on " + screen)
                    .isEmpty();
            assertThat(buttonsBelowContrast())
                    .as("buttons below 4.5:1 on " + screen)
                    .isEmpty();
        }
        collectConsole();
        assertThat(consoleProblems)
                .as("script errors or Content-Security-Policy violations in the browser")
                .isEmpty();
    }

    /**
     * The first visit (no service worker, no cache) and a repeat visit under Chromium's "Slow 3G" (2 s round trips,
     * 50 kB/s each way): the time from navigation until the app is ready to log, written to
     * target/field-load-times.txt.
     */
    @Test
    @Order(3)
    void opensUnderSlow3g() throws IOException {
        browser.get("about:blank");
        browser.executeCdpCommand(
                "Storage.clearDataForOrigin",
                Map.of("origin", stack.api(), "storageTypes", "service_workers,cache_storage"));
        browser.executeCdpCommand("Network.clearBrowserCache", Map.of());
        conditions(Duration.ofSeconds(2), 50_000);
        try {
            browser.get(stack.api() + "/field/");
            var first = readyAfter();
            await().atMost(Duration.ofMinutes(3))
                    .until(() -> (Boolean) browser.executeAsyncScript("navigator.serviceWorker.ready"
                            + ".then(() => arguments[0](navigator.serviceWorker.controller !== null))"));
            browser.navigate().refresh();
            var repeat = readyAfter();
            var report = "field app under Slow 3G: first load %d ms, repeat load %d ms".formatted(first, repeat);
            System.out.println(report);
            Files.writeString(Path.of("target", "field-load-times.txt"), report + System.lineSeparator());
            assertThat(repeat)
                    .as("the repeat load comes from the service worker")
                    .isLessThan(first);
        } finally {
            network(true);
        }
        collectConsole();
    }

    /** Milliseconds from the navigation's start until the app marked itself ready. */
    private static long readyAfter() {
        return await().atMost(Duration.ofMinutes(2))
                .until(
                        () -> (Number)
                                browser.executeScript("const ready = performance.getEntriesByName('field-ready');"
                                        + " return ready.length ? Math.round(ready[0].startTime) : null"),
                        Objects::nonNull)
                .longValue();
    }

    // ---- the app ----

    private static void awaitScreen(String name) {
        await().atMost(PAGE)
                .until(() -> browser.findElement(By.id("screen-" + name)).isDisplayed()
                        && "false".equals(browser.findElement(By.id("main")).getDomAttribute("aria-busy")));
    }

    private static void showScreen(String name) {
        // the tab bar is always in view: a plain click
        browser.findElement(By.cssSelector("#tabs button[data-screen=" + name + "]"))
                .click();
        awaitScreen(name);
    }

    private static void caseAction(String type) {
        tap(browser.findElement(By.cssSelector("#case-actions button[data-type='" + type + "']")));
        await().atMost(PAGE)
                .until(() -> type.equals(browser.findElement(By.id("case-form")).getDomAttribute("data-type")));
    }

    private static WebElement field(WebElement form, String name) {
        return FieldForms.field(form, name);
    }

    private static void type(WebElement form, String name, String text) {
        FieldForms.type(form, name, text);
    }

    private static void choose(WebElement form, String name, String value) {
        FieldForms.choose(browser, form, name, value);
    }

    private static void tap(WebElement element) {
        FieldForms.tap(browser, element);
    }

    private static WebElement option(WebElement within, String value) {
        return FieldForms.option(within, value);
    }

    private static void language(String language) {
        showScreen("settings");
        tap(option(browser.findElement(By.id("language")), language));
        await().atMost(PAGE)
                .until(() ->
                        language.equals(browser.findElement(By.tagName("html")).getDomAttribute("lang")));
    }

    private static void chip(WebElement form, String name, String value) {
        choose(form, name, value);
    }

    /**
     * Picks a value of a select: set as the phone's own picker would, since chromedriver clicks an option where the
     * open list would be drawn, which on a phone's screen may be the tab bar.
     */
    private static void select(WebElement form, String name, String value) {
        browser.executeScript(
                "arguments[0].value = arguments[1];"
                        + " arguments[0].dispatchEvent(new Event('change', {bubbles: true}))",
                field(form, name).findElement(By.tagName("select")),
                value);
    }

    private static void plus(WebElement form, String name) {
        tap(field(form, name).findElement(By.cssSelector("button.plus")));
    }

    /** Two taps in quick succession, as an impatient thumb makes them. */
    private static void doubleTap(WebElement element) {
        browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
        new Actions(browser).doubleClick(element).perform();
    }

    private static void submit(WebElement form) {
        FieldForms.submit(browser, form);
    }

    private static void awaitToast() {
        try {
            await().atMost(PAGE)
                    .until(() -> browser.findElement(By.id("toast"))
                            .getDomAttribute("class")
                            .contains("shown"));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            try {
                screenshot("failure");
            } catch (IOException ignored) {
                // the message below says enough
            }
            var console = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .map(LogEntry::getMessage)
                    .toList();
            throw new AssertionError(
                    "not saved; console: " + console + "; the page says: " + browser.executeScript("""
                    return [...document.querySelectorAll('.error')].map(e => e.dataset.errorFor + ': ' + e.textContent)
                        .filter(t => !t.endsWith(': ')).join(' | ') + ' form: '
                        + document.getElementById('case-form').outerHTML.slice(0, 3000)"""), e);
        }
    }

    /** The controls in view that a screen reader would announce without a name: role and DOM node. */
    @SuppressWarnings("unchecked")
    private static List<String> unlabelledControls() {
        var roles = Set.of("button", "textbox", "combobox", "checkbox", "radio", "spinbutton", "listbox", "slider");
        var tree = browser.executeCdpCommand("Accessibility.getFullAXTree", Map.of());
        var unnamed = new ArrayList<String>();
        for (var node : (List<Map<String, Object>>) tree.get("nodes")) {
            var role = (Map<String, Object>) node.get("role");
            var name = (Map<String, Object>) node.get("name");
            if (!Boolean.TRUE.equals(node.get("ignored"))
                    && role != null
                    && roles.contains(String.valueOf(role.get("value")))
                    && (name == null || String.valueOf(name.get("value")).isBlank())) {
                unnamed.add(role.get("value") + " #" + node.get("backendDOMNodeId"));
            }
        }
        return unnamed;
    }

    /** The buttons in view (enabled) whose text is below WCAG AA's 4.5:1 against what is behind it. */
    @SuppressWarnings("unchecked")
    private static List<String> buttonsBelowContrast() {
        return (List<String>) browser.executeScript("""
                const rgb = color => color.match(/[\\d.]+/g).map(Number);
                const channel = v => (v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
                const luminance = ([r, g, b]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
                const behind = element => {
                  for (let e = element; e; e = e.parentElement) {
                    const color = rgb(getComputedStyle(e).backgroundColor);
                    if (color.length < 4 || color[3] > 0) {
                      return color.slice(0, 3);
                    }
                  }
                  return [255, 255, 255];
                };
                const low = [];
                for (const button of document.querySelectorAll('button')) {
                  if (button.disabled || !button.checkVisibility() || !button.textContent.trim()) {
                    continue;
                  }
                  const [a, b] = [luminance(rgb(getComputedStyle(button).color)), luminance(behind(button))];
                  const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
                  if (ratio < 4.5) {
                    low.push(button.textContent.trim() + ': ' + ratio.toFixed(2));
                  }
                }
                return low;""");
    }

    /** The words of the tab bar's labels that the browser broke over two lines. */
    @SuppressWarnings("unchecked")
    private static List<String> wordsBrokenInTheTabs() {
        return (List<String>) browser.executeScript("""
                const broken = [];
                for (const button of document.querySelectorAll('#tabs button')) {
                  const texts = document.createTreeWalker(button, NodeFilter.SHOW_TEXT);
                  for (let node = texts.nextNode(); node; node = texts.nextNode()) {
                    for (const word of node.textContent.matchAll(/\\S+/g)) {
                      const range = document.createRange();
                      range.setStart(node, word.index);
                      range.setEnd(node, word.index + word[0].length);
                      if (range.getClientRects().length > 1) {
                        broken.push(word[0]);
                      }
                    }
                  }
                }
                return broken;""");
    }

    /** The outbox's entries by state, as its summary holds them. */
    @SuppressWarnings("unchecked")
    private static Map<String, Integer> counts() {
        var json = browser.findElement(By.id("outbox-summary")).getDomAttribute("data-counts");
        var counts = new HashMap<String, Integer>();
        if (json != null) {
            var node = EventCodec.mapper().readTree(json);
            node.propertyNames().forEach(state -> {
                if (node.path(state).asInt() > 0) {
                    counts.put(state, node.path(state).asInt());
                }
            });
        }
        return counts;
    }

    private static List<String> eventIds(String state) {
        return browser.findElements(By.cssSelector("#outbox-list li[data-state=" + state + "]")).stream()
                .map(li -> li.getDomAttribute("data-event-id"))
                .toList();
    }

    private static String figure(String name) {
        return browser.findElement(By.cssSelector("[data-figure='" + name + "']"))
                .getText();
    }

    /** A number as the app shows it in Dutch. */
    private static String decimal(double value) {
        var text = new java.math.BigDecimal(String.valueOf(value))
                .stripTrailingZeros()
                .toPlainString();
        return text.replace('.', ',');
    }

    private static void network(boolean online) {
        FieldForms.network(browser, online);
    }

    private static void conditions(Duration latency, int bytesPerSecond) {
        FieldForms.conditions(browser, latency, bytesPerSecond);
    }

    private static void screenshot(String name) throws IOException {
        var shot = browser.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png"));
        var png = Base64.getDecoder().decode((String) shot.get("data"));
        var target = Path.of("target", "screenshots");
        Files.createDirectories(target);
        Files.write(target.resolve("field-" + name + ".png"), png);
        if (Boolean.getBoolean("tracker.screenshots.update")) {
            var docs = Path.of(System.getProperty("tracker.screenshots.dir", "target/docs-screenshots"));
            Files.createDirectories(docs);
            Files.write(docs.resolve("field-" + name + ".png"), png);
        }
    }

    private static void collectConsole() {
        for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
            // requests that failed while offline are the point here, not problems of the page; nor is the 404 of an
            // event's status asked for before the activity log holds it (the API's answer until then)
            var message = entry.getMessage();
            var statusNotYet = message.contains("/events/") && message.contains("status of 404");
            if (entry.getLevel().intValue() >= Level.WARNING.intValue()
                    && !message.contains("net::ERR_INTERNET_DISCONNECTED")
                    && !statusNotYet) {
                consoleProblems.add(entry.getMessage());
            }
        }
    }

    // ---- the read API ----

    private static String api(String path) {
        return stack.api() + "/api/v1/orgs/" + ORG + "/" + path;
    }

    private static String events() {
        return api("events");
    }

    private static JsonNode asPeer(String path) {
        var response = Client.sendAs(
                TestTokens.shared().peer(ORG, PEER),
                HttpRequest.newBuilder(URI.create(api(path))).GET());
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }

    /** The eventIds of the peer's events in the activity log, each as often as it is there. */
    private static List<String> loggedByThePeer() {
        var ids = new ArrayList<String>();
        var log = Client.get(api(
                "activity?size=200&peerId=" + PEER + "&from=" + Instant.now().minus(Duration.ofDays(1))));
        log.path("items").forEach(item -> ids.add(item.path("eventId").asString()));
        assertThat(log.path("total").asInt()).isEqualTo(ids.size());
        Set<String> distinct = new HashSet<>(ids);
        assertThat(distinct).hasSameSizeAs(ids);
        return ids;
    }
}
