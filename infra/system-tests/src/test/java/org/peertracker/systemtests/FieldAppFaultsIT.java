package org.peertracker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.peertracker.events.Event;
import org.peertracker.events.EventCodec;
import org.peertracker.events.InvolvementRecorded;
import org.peertracker.systemtests.FaultyProxy.Fault;
import org.peertracker.testing.SampleEvents;
import org.peertracker.testing.TestTokens;
import tools.jackson.databind.node.ObjectNode;

/**
 * The field app in a headless Chromium under the faults a phone meets, with {@link FaultyProxy} between it and the
 * deployed system: a lost acknowledgement, the browser killed in the middle of a sync and started again on its
 * profile, one refused event with twenty behind it, 503s with {@code Retry-After}, a token that expires offline, and
 * a week of 2,000 events through all of these. Each ends with every event in the activity log exactly once, the
 * outreach view counting each contact once, and the app's outbox holding each as counted (or the refused one aside).
 * Skips without {@code /usr/bin/chromium} or {@code /usr/bin/chromedriver}.
 */
class FieldAppFaultsIT {

    static final Duration PAGE = Duration.ofSeconds(20);
    static final Duration SYNC = Duration.ofSeconds(90);
    static final String ORG = "faults-" + UUID.randomUUID().toString().substring(0, 8);

    static StackUnderTest stack;
    static FaultyProxy proxy;
    Chromium chromium;
    ChromeDriver browser;

    @BeforeAll
    static void startTheProxy() throws IOException {
        Chromium.assumeInstalled();
        stack = StackUnderTest.get();
        proxy = FaultyProxy.to(stack.api());
    }

    @AfterAll
    static void stopTheProxy() {
        if (proxy != null) {
            proxy.close();
        }
    }

    @AfterEach
    void stopTheBrowser() throws IOException {
        proxy.otherwise(() -> Fault.FORWARD);
        proxy.release();
        if (chromium != null) {
            try {
                var log = Path.of("target", "field-faults-console.txt");
                Files.createDirectories(log.getParent());
                Files.write(
                        log,
                        browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                                .map(LogEntry::toString)
                                .toList(),
                        java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.APPEND);
            } catch (RuntimeException browserGone) {
                // killed by the test: nothing more to read
            }
            chromium.close();
        }
    }

    @Test
    void sendsABatchAgainWhoseAcknowledgementWasLostAndItIsCountedOnce() throws IOException {
        var peer = "peer-ack";
        var events = offlineWithContacts(peer, 30);
        assertThat(states()).containsExactly(Map.entry("pending", 30L));

        proxy.next(Fault.DROP_ANSWER);
        network(true);

        awaitAllCounted(30);
        var ids = ids(events);
        var posts = proxy.postsOf(ids);
        assertThat(posts.getFirst().fault()).isEqualTo(Fault.DROP_ANSWER);
        assertThat(posts.getFirst().apiStatus())
                .as("the API applied the batch whose answer was lost")
                .isEqualTo(202);
        assertThat(posts.getFirst().eventIds()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(posts.stream().skip(1).flatMap(post -> post.eventIds().stream()))
                .as("sent again by the app")
                .containsAll(ids);
        assertCountedOnce(peer, ids, 30);
    }

    @Test
    void keepsItsOutboxWhenKilledInTheMiddleOfASyncAndSendsItOnceWhenStartedAgain() throws Exception {
        var peer = "peer-kill";
        var events = offlineWithContacts(peer, 25);

        proxy.next(Fault.HOLD_ANSWER);
        network(true);
        var held = proxy.held().get(30, TimeUnit.SECONDS);
        assertThat(held.apiStatus()).as("the API applied the batch").isEqualTo(202);
        assertThat(states()).as("no answer yet").containsExactly(Map.entry("pending", 25L));

        var profile = chromium.profile();
        chromium.kill();
        proxy.release();
        chromium = Chromium.startOn(profile, 390, 844);
        browser = chromium.browser();
        browser.get(proxy.origin() + "/field/");
        awaitReady();
        assertThat(browser.findElement(By.id("screen-signin")).isDisplayed())
                .as("the sign-in, a second before the kill, is remembered")
                .isFalse();

        var ids = ids(events);
        awaitAllCounted(25);
        assertThat(proxy.postsOf(ids)).hasSizeGreaterThanOrEqualTo(2);
        assertCountedOnce(peer, ids, 25);
    }

    @Test
    void setsARefusedEventAsideWithItsReasonAndSendsTheTwentyBehindIt() throws IOException {
        var peer = "peer-refused";
        openApp(peer);
        network(false);
        var refused = SampleEvents.event(
                ORG,
                peer,
                Instant.now().minusSeconds(180),
                SampleEvents.anonymousContact("s-" + peer, "oost", 1, false, SampleEvents.syringes(1)));
        var json = (ObjectNode) EventCodec.mapper().readTree(EventCodec.write(refused));
        // what the form never lets through: a group of nobody
        ((ObjectNode) json.path("payload")).put("groupSize", 0);
        addJson(List.of(json.toString()));
        var behind = contacts(peer, 20, Instant.now().minusSeconds(120));
        add(behind);

        network(true);
        await().atMost(SYNC)
                .untilAsserted(() -> assertThat(states())
                        .containsExactlyInAnyOrderEntriesOf(Map.of("counted", 20L, "rejected", 1L)));

        showScreen("outbox");
        var aside = browser.findElement(By.cssSelector("#outbox-list li[data-state=rejected]"));
        assertThat(aside.getDomAttribute("data-event-id"))
                .isEqualTo(refused.eventId().toString());
        var reason = aside.findElement(By.cssSelector(".reasons li"));
        assertThat(reason.getDomAttribute("data-rule")).isEqualTo("minimum");
        assertThat(reason.getText()).isNotBlank();
        assertThat(proxy.postsOf(Set.of(refused.eventId().toString())))
                .as("sent once, then left aside while the twenty went")
                .hasSize(1);
        assertCountedOnce(peer, ids(behind), 20);
    }

    @Test
    void keepsEventsPendingWhileTheServerIsBusyAndSendsThemWhenItAnswersAgain() throws IOException {
        var peer = "peer-busy";
        var events = offlineWithContacts(peer, 20);
        var ids = ids(events);

        proxy.next(Fault.BUSY, Fault.BUSY);
        network(true);
        await().atMost(SYNC).until(() -> proxy.postsOf(ids).size() >= 2);
        assertThat(states()).as("still waiting, none dropped").containsExactly(Map.entry("pending", 20L));

        awaitAllCounted(20);
        var posts = proxy.postsOf(ids);
        assertThat(posts).extracting(FaultyProxy.Post::fault).startsWith(Fault.BUSY, Fault.BUSY, Fault.FORWARD);
        for (int i = 1; i < 3; i++) {
            assertThat(Duration.ofNanos(
                            posts.get(i).atNanos() - posts.get(i - 1).atNanos()))
                    .as("Retry-After honoured")
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(FaultyProxy.RETRY_AFTER_SECONDS));
        }
        assertCountedOnce(peer, ids, 20);
    }

    @Test
    void goesOnLoggingWhenTheTokenExpiresOfflineAndSendsEverythingAfterSigningInAgain() throws IOException {
        var peer = "peer-expiry";
        var lifetime = Duration.ofSeconds(15);
        var issued = Instant.now();
        browser(TestTokens.shared().peer(ORG, peer, lifetime), peer);
        network(false);
        FieldForms.startSession(browser, "oost", "street");
        contact(1);
        contact(2);

        // the token runs out while the phone is offline; the app says so and logging goes on
        await().atMost(lifetime.plusSeconds(10)).until(() -> Instant.now().isAfter(issued.plus(lifetime)));
        contact(3);
        await().atMost(PAGE).until(() -> browser.findElement(By.id("banner")).isDisplayed());
        contact(4);
        tap(browser.findElement(By.id("end-session")));
        await().atMost(PAGE)
                .until(() -> browser.findElement(By.id("start-form")).isDisplayed());
        var all = 6;
        assertThat(states()).containsExactly(Map.entry("pending", (long) all));

        network(true);
        await().atMost(PAGE)
                .until(() ->
                        "signed-out".equals(browser.findElement(By.id("net")).getDomAttribute("data-state")));
        var ids = pendingIds();
        assertThat(proxy.postsOf(ids)).as("nothing sent with an expired token").isEmpty();
        assertThat(states()).containsExactly(Map.entry("pending", (long) all));

        // the banner is drawn again at each change of the sync's state: a button found may be replaced before the tap
        await().atMost(PAGE)
                .ignoreException(StaleElementReferenceException.class)
                .until(() -> {
                    tap(browser.findElement(By.cssSelector("#banner button")));
                    return true;
                });
        await().atMost(PAGE)
                .until(() -> browser.findElement(By.id("token-form")).isDisplayed());
        browser.findElement(By.id("token-input")).sendKeys(TestTokens.shared().peer(ORG, peer));
        tap(browser.findElement(By.cssSelector("#token-form button[type=submit]")));

        awaitAllCounted(all);
        assertCountedOnce(peer, ids, 4);
    }

    /**
     * A week of a peer's work, 2,000 events logged offline over seven days, sent when the phone is back through 503s,
     * lost acknowledgements and the browser killed once in the middle: none lost, none counted twice. The time from
     * reconnecting to the last event counted goes to target/field-faults-week.txt.
     */
    @Test
    void sendsAWeekOfTwoThousandEventsThroughFaultsExactlyOnce() throws Exception {
        var peer = "peer-week";
        openApp(peer);
        network(false);
        var week = new ArrayList<Event>();
        var weekAgo = Instant.now().minus(Duration.ofDays(7)).truncatedTo(ChronoUnit.HOURS);
        for (int day = 0; day < 7; day++) {
            var at = weekAgo.plus(Duration.ofDays(day));
            week.addAll(contacts(peer, "s-week-" + day, 268, at));
            for (int i = 0; i < 16; i++) {
                week.add(SampleEvents.event(
                        ORG,
                        peer,
                        at.plusSeconds(i),
                        new InvolvementRecorded(peer, "educating", "school", "advising", 0.25)));
            }
        }
        week.addAll(contacts(peer, "s-week-7", 2000 - week.size(), Instant.now().minus(Duration.ofHours(2))));
        assertThat(week).hasSize(2000);
        for (int from = 0; from < week.size(); from += 250) {
            add(week.subList(from, Math.min(week.size(), from + 250)));
        }
        var ids = ids(week);
        assertThat(states()).containsExactly(Map.entry("pending", 2000L));

        var faults = new Random(14);
        proxy.next(Fault.DROP_ANSWER, Fault.BUSY, Fault.FORWARD, Fault.HOLD_ANSWER);
        proxy.otherwise(() -> switch (faults.nextInt(10)) {
            case 0, 1 -> Fault.BUSY;
            case 2, 3 -> Fault.DROP_ANSWER;
            default -> Fault.FORWARD;
        });
        long reconnected = System.nanoTime();
        network(true);
        proxy.held().get(60, TimeUnit.SECONDS);
        var profile = chromium.profile();
        chromium.kill();
        proxy.release();
        chromium = Chromium.startOn(profile, 390, 844);
        browser = chromium.browser();
        browser.get(proxy.origin() + "/field/");
        awaitReady();

        awaitAllCounted(2000, Duration.ofMinutes(4));
        var took = Duration.ofNanos(System.nanoTime() - reconnected);
        var faultsMet = new HashMap<Fault, Integer>();
        proxy.postsOf(ids).forEach(post -> faultsMet.merge(post.fault(), 1, Integer::sum));
        var report = "field app, a week of 2,000 events through faults %s: last event counted %d s after reconnecting"
                .formatted(faultsMet, took.toSeconds());
        System.out.println(report);
        Files.writeString(Path.of("target", "field-faults-week.txt"), report + System.lineSeparator());
        assertThat(faultsMet).containsKeys(Fault.BUSY, Fault.DROP_ANSWER, Fault.HOLD_ANSWER);
        assertCountedOnce(peer, ids, 2000 - 7 * 16);
    }

    // ---- the app ----

    /** The app open and signed in as the peer, then offline, with {@code count} contacts logged two minutes ago. */
    private List<Event> offlineWithContacts(String peer, int count) throws IOException {
        openApp(peer);
        network(false);
        var events = contacts(peer, count, Instant.now().minusSeconds(120));
        add(events);
        return events;
    }

    private void openApp(String peer) throws IOException {
        browser(TestTokens.shared().peer(ORG, peer), peer);
    }

    private void browser(String token, String peer) throws IOException {
        chromium = Chromium.start("field-faults-" + peer, 390, 844);
        browser = chromium.browser();
        browser.get(proxy.origin() + "/field/#token=" + token);
        awaitReady();
        await().atMost(PAGE).until(() -> (Boolean) browser.executeAsyncScript(
                "navigator.serviceWorker.ready.then(() => arguments[0](navigator.serviceWorker.controller !== null))"));
    }

    private void awaitReady() {
        await().atMost(PAGE)
                .until(() -> "false".equals(browser.findElement(By.id("main")).getDomAttribute("aria-busy")));
    }

    /** Puts events into the app's outbox through its own module, as its forms do after checking them. */
    private void add(List<Event> events) {
        addJson(events.stream().map(EventCodec::write).toList());
    }

    private void addJson(List<String> events) {
        var problem = browser.executeAsyncScript("""
                const [events, done] = arguments;
                import('/field/outbox.js')
                  .then(async outbox => {
                    for (const event of JSON.parse(events)) {
                      await outbox.add(event);
                    }
                    done(null);
                  })
                  .catch(e => done(String(e)));
                """, "[" + String.join(",", events) + "]");
        assertThat(problem).isNull();
    }

    /** The outbox's entries by state, as its module has them. */
    @SuppressWarnings("unchecked")
    private Map<String, Long> states() {
        return (Map<String, Long>) browser.executeAsyncScript("""
                const done = arguments[0];
                import('/field/outbox.js')
                  .then(outbox => outbox.all())
                  .then(entries => {
                    const states = {};
                    for (const entry of entries) {
                      states[entry.state] = (states[entry.state] ?? 0) + 1;
                    }
                    done(states);
                  });
                """);
    }

    @SuppressWarnings("unchecked")
    private Set<String> pendingIds() {
        return new HashSet<>((List<String>) browser.executeAsyncScript("""
                const done = arguments[0];
                import('/field/outbox.js')
                  .then(outbox => outbox.inState(outbox.PENDING))
                  .then(entries => done(entries.map(entry => entry.eventId)));
                """));
    }

    private void awaitAllCounted(int events) {
        awaitAllCounted(events, SYNC);
    }

    private void awaitAllCounted(int events, Duration within) {
        await().atMost(within)
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(states()).containsExactly(Map.entry("counted", (long) events)));
    }

    private void showScreen(String name) {
        browser.findElement(By.cssSelector("#tabs button[data-screen=" + name + "]"))
                .click();
        await().atMost(PAGE)
                .until(() -> browser.findElement(By.id("screen-" + name)).isDisplayed());
    }

    /** One anonymous contact with a syringe, through the form; {@code count} is the session's contacts after it. */
    private void contact(int count) {
        var form = browser.findElement(By.id("contact-form"));
        tap(form.findElement(By.cssSelector("[data-field='materials.syringes'] button.plus")));
        submit(form);
        await().atMost(PAGE)
                .until(() ->
                        browser.findElement(By.id("session-count")).getText().startsWith(count + " "));
    }

    private void tap(WebElement element) {
        FieldForms.tap(browser, element);
    }

    private void submit(WebElement form) {
        FieldForms.submit(browser, form);
    }

    /** The browser's network on or off, as FieldAppBrowserIT sets it: the page hears "offline" and "online". */
    private void network(boolean online) {
        FieldForms.network(browser, online);
    }

    // ---- events and the server ----

    private static List<Event> contacts(String peer, int count, Instant from) {
        return contacts(peer, "s-" + peer, count, from);
    }

    private static List<Event> contacts(String peer, String session, int count, Instant from) {
        var events = new ArrayList<Event>();
        for (int i = 0; i < count; i++) {
            events.add(SampleEvents.event(
                    ORG,
                    peer,
                    from.plusSeconds(i),
                    SampleEvents.anonymousContact(session, "oost", 1, i % 5 == 0, SampleEvents.syringes(1 + i % 3))));
        }
        return events;
    }

    private static Set<String> ids(List<Event> events) {
        var ids = new LinkedHashSet<String>();
        events.forEach(event -> ids.add(event.eventId().toString()));
        return ids;
    }

    /**
     * Every one of {@code ids} is in the activity log exactly once and nothing else of the peer's is; the outreach
     * view counts {@code contacts} contacts of the peer's sessions, each once.
     */
    private static void assertCountedOnce(String peer, Set<String> ids, int contacts) {
        await().atMost(SYNC).untilAsserted(() -> {
            var logged = loggedBy(peer);
            assertThat(new HashSet<>(logged)).as("none counted twice").hasSameSizeAs(logged);
            assertThat(logged).as("none lost, none extra").containsExactlyInAnyOrderElementsOf(ids);
        });
        await().atMost(SYNC).untilAsserted(() -> {
            long counted = 0;
            for (var session :
                    Client.get(api("outreach/sessions?size=200&peerId=" + peer)).path("items")) {
                counted += session.path("contacts").asLong();
            }
            assertThat(counted).isEqualTo(contacts);
        });
    }

    /** The eventIds of the peer's events in the activity log of the last eight days, each as often as it is there. */
    private static List<String> loggedBy(String peer) {
        var ids = new ArrayList<String>();
        var from = Instant.now().minus(Duration.ofDays(8)).truncatedTo(ChronoUnit.SECONDS);
        int total;
        int page = 0;
        do {
            var log = Client.get(api("activity?size=200&page=" + page++ + "&peerId=" + peer + "&from=" + from));
            log.path("items").forEach(item -> ids.add(item.path("eventId").asString()));
            total = log.path("total").asInt();
        } while (ids.size() < total && page < 50);
        assertThat(ids).hasSize(total);
        return ids;
    }

    private static String api(String path) {
        return stack.api() + "/api/v1/orgs/" + ORG + "/" + path;
    }
}
