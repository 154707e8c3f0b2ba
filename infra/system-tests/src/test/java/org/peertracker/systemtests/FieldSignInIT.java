package org.peertracker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.peertracker.localstack.ChildProcess;
import org.peertracker.testing.TestInfrastructure;
import org.peertracker.testing.TestTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * People sign in as they would in production: the page sends them to the OpenID Connect issuer's login page (the
 * local stack's issuer, infra/local-issuer), the issuer sends them back with a code, the page redeems the code with
 * its PKCE verifier, and the API accepts the token it got — a peer in the field app, a coordinator on the dashboard.
 * One API and one issuer for both. Skips without Chromium.
 */
class FieldSignInIT {

    static final Duration PAGE = Duration.ofSeconds(30);

    private static Path dir;
    private static ServicesUnderTest services;
    private static ChildProcess issuer;

    @BeforeAll
    static void startTheApiAndTheIssuer() throws Exception {
        Chromium.assumeInstalled();
        int issuerPort = ServicesUnderTest.freePort();
        var issuerUri = "http://127.0.0.1:" + issuerPort;
        dir = Files.createTempDirectory("field-sign-in");
        var accounts = Files.writeString(
                dir.resolve("accounts"),
                "peer-017=its-own-password,peer,peer-017\ncoordinator=another-password,coordinator,\n");
        services = ServicesUnderTest.start(
                "field-sign-in",
                TestInfrastructure.kafkaBootstrapServers(),
                TestInfrastructure.mongoUri(),
                TestInfrastructure.uniqueDatabase("field_sign_in"),
                1,
                0,
                Map.of(
                        "TRACKER_SECURITY_LOCAL_ISSUER",
                        issuerUri,
                        "TRACKER_FIELD_ISSUER_URI",
                        issuerUri,
                        "TRACKER_FIELD_CLIENT_ID",
                        "peer-field"));
        issuer = ChildProcess.startJar(
                "local-issuer",
                Path.of(System.getProperty("tracker.issuer.jar")),
                List.of("-Xmx128m"),
                Map.of(
                        "ISSUER_PORT", String.valueOf(issuerPort),
                        "TRACKER_ISSUER_URI", issuerUri,
                        "TRACKER_ISSUER_SIGNING_KEY",
                                TestTokens.shared()
                                        .signingKeyFile()
                                        .toAbsolutePath()
                                        .toString(),
                        "TRACKER_ISSUER_ACCOUNTS", accounts.toString(),
                        "TRACKER_ISSUER_REDIRECT_URIS", services.api() + "/field/," + services.api() + "/"),
                Path.of("target", "service-logs", "field-sign-in", "issuer.log"));
        issuer.awaitHealthy(URI.create(issuerUri + "/actuator/health"), Duration.ofSeconds(120));
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (issuer != null) {
                issuer.stop(Duration.ofSeconds(10));
            }
            if (services != null) {
                services.close();
            }
        } finally {
            if (dir != null) {
                try (var files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder())
                            .forEach(path -> path.toFile().delete());
                }
            }
        }
    }

    @Test
    void signsAPeerInThroughTheIssuersLoginPageAndTheApiAcceptsItsToken() throws Exception {
        signIn(services.api() + "/field/");
    }

    @Test
    void signsACoordinatorInToTheDashboardThroughTheIssuersLoginPage() throws Exception {
        var page = services.api() + "/";
        try (var chromium = Chromium.start("dashboard-sign-in-browser", 1280, 900)) {
            var browser = chromium.browser();
            // back on the dashboard, signed in as the issuer's coordinator of mainline
            signInThroughTheIssuer(browser, page, "coordinator", "another-password", "dashboard");
            assertThat(browser.findElement(By.id("who")).getText()).contains("mainline", "coordinator");
            var token = (String) browser.executeScript("return sessionStorage.getItem('peer-tracker.token')");
            assertThat(Client.sendAs(
                                    token,
                                    HttpRequest.newBuilder(URI.create(page + "api/v1/orgs/mainline/dashboard"))
                                            .GET())
                            .status())
                    .as("the API takes the issuer's coordinator token")
                    .isEqualTo(200);
        }
    }

    @Test
    void theDashboardRedeemsNoCodeThatComesBackWithAnotherStateThanItsTabAskedFor() throws Exception {
        var page = services.api() + "/";
        try (var chromium = Chromium.start("dashboard-state-browser", 1280, 900)) {
            var browser = chromium.browser();
            logInWithAnotherState(browser, page, "peer-tracker.dashboard.pkce", "coordinator", "another-password");

            await().atMost(PAGE)
                    .until(() -> browser.getCurrentUrl().startsWith(page)
                            && browser.findElement(By.id("sign-in")).isDisplayed()
                            && !browser.findElement(By.id("sign-in-reason"))
                                    .getText()
                                    .isEmpty());
            assertThat(browser.getCurrentUrl()).doesNotContain("code=");
            assertThat(browser.findElement(By.id("dashboard")).isDisplayed()).isFalse();
            assertThat(browser.executeScript("return sessionStorage.getItem('peer-tracker.token')"))
                    .isNull();
        }
    }

    @Test
    void theFieldAppRedeemsNoCodeThatComesBackWithAnotherStateThanItsTabAskedForAndSaysSo() throws Exception {
        var app = services.api() + "/field/";
        try (var chromium = Chromium.start("field-state-browser", 390, 844)) {
            var browser = chromium.browser();
            logInWithAnotherState(browser, app, "peer-tracker.field.pkce", "peer-017", "its-own-password");

            await().atMost(PAGE)
                    .until(() -> browser.getCurrentUrl().startsWith(app)
                            && "false".equals(browser.findElement(By.id("main")).getDomAttribute("aria-busy")));
            assertThat(browser.findElement(By.id("screen-signin")).isDisplayed())
                    .isTrue();
            assertThat(browser.findElement(By.id("signin-reason")).getText())
                    .as("the peer is told the sign-in did not work")
                    .isNotBlank();
            assertThat(browser.getCurrentUrl()).doesNotContain("code=");
            assertThat(browser.executeScript("return localStorage.getItem('peer-tracker.field.tokens')"))
                    .isNull();
        }
    }

    @Test
    void asksThePeerToSignInAgainWhenTheApiRefusesItsTokenAndTheIssuerItsRefreshTokenWithoutSendingOnAndOn()
            throws Exception {
        var app = services.api() + "/field/";
        try (var chromium = Chromium.start("field-refused-browser", 390, 844)) {
            var browser = chromium.browser();
            signInAsThePeer(browser, app);
            // a token the phone's clock still calls valid but the API refuses (its signature spoilt: a key rotated, a
            // token revoked), with a refresh token the issuer does not know
            browser.executeScript("const tokens = JSON.parse(localStorage.getItem('peer-tracker.field.tokens'));"
                    + "tokens.access_token = tokens.access_token.slice(0, -6) + 'AAAAAA';"
                    + "tokens.refresh_token = 'not-one-the-issuer-made';"
                    + "localStorage.setItem('peer-tracker.field.tokens', JSON.stringify(tokens));");

            // what the page sends from now on, counted: to the API's intake and to the issuer's token endpoint
            browser.executeScript("window.sent = {events: 0, tokens: 0};"
                    + "const fetched = window.fetch;"
                    + "window.fetch = (resource, options) => {"
                    + "  const url = String(resource.url ?? resource);"
                    + "  if (url.endsWith('/events')) { window.sent.events++; }"
                    + "  if (url.includes('/token')) { window.sent.tokens++; }"
                    + "  return fetched(resource, options);"
                    + "};");

            FieldForms.startSession(browser, "oost", "street");

            await().atMost(PAGE)
                    .until(() -> browser.findElement(By.id("banner")).isDisplayed());
            assertThat(browser.findElement(By.id("banner")).getText())
                    .as("the peer is asked to sign in again")
                    .isNotBlank();
            var sent = "return JSON.stringify(window.sent)";
            assertThat((String) browser.executeScript(sent))
                    .as("the refused token was sent")
                    .doesNotContain("\"events\":0");
            // and then it settles: neither the refused token nor the unknown refresh token sent again and again
            var last = new AtomicReference<Object>();
            await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(20)).until(() -> {
                var now = browser.executeScript(sent);
                return now.equals(last.getAndSet(now));
            });
        }
    }

    @Test
    void refusesALinkWithAnotherRolesTokenAndLeavesNoTokenInTheAddress() throws Exception {
        var app = services.api() + "/field/";
        try (var chromium = Chromium.start("field-fragment-browser", 390, 844)) {
            var browser = chromium.browser();
            browser.get(app + "#token=" + TestTokens.shared().coordinator("mainline"));

            await().atMost(PAGE)
                    .until(() -> browser.findElement(By.id("screen-signin")).isDisplayed()
                            && !browser.findElement(By.id("signin-reason"))
                                    .getText()
                                    .isBlank());
            assertThat(browser.getCurrentUrl())
                    .as("nothing of the token in the address")
                    .doesNotContain("token");
            assertThat(browser.executeScript("return localStorage.getItem('peer-tracker.field.tokens')"))
                    .isNull();
        }
    }

    private static void signIn(String app) throws IOException {
        try (var chromium = Chromium.start("field-sign-in-browser", 390, 844)) {
            var browser = chromium.browser();
            signInAsThePeer(browser, app);
            var tokens = (String) browser.executeScript("return localStorage.getItem('peer-tracker.field.tokens')");
            JsonNode stored = JsonMapper.builder().build().readTree(tokens);
            var token = stored.path("access_token").asString();
            assertThat(token).isNotEmpty();
            var answer = Client.sendAs(
                    token,
                    HttpRequest.newBuilder(URI.create(
                                    app.replace("/field/", "/api/v1/orgs/mainline/support/cases?peerId=peer-017")))
                            .GET());
            assertThat(answer.status()).as("the API takes the issuer's token").isEqualTo(200);
            assertThat(Client.sendAs(
                                    token,
                                    HttpRequest.newBuilder(URI.create(
                                                    app.replace("/field/", "/api/v1/orgs/mainline/dashboard")))
                                            .GET())
                            .status())
                    .as("a peer's token, not a coordinator's")
                    .isEqualTo(403);
        }
    }

    /** Signs peer-017 in to the field app through the issuer's login page; the app shows its session screen. */
    private static void signInAsThePeer(WebDriver browser, String app) {
        signInThroughTheIssuer(browser, app, "peer-017", "its-own-password", "screen-session");
    }

    /**
     * Signs in on the page through the issuer's own login page (on the issuer's origin), and waits until the page is
     * back and shows the element {@code shown}: the code redeemed, nothing of it left in the address.
     */
    private static void signInThroughTheIssuer(
            WebDriver browser, String page, String username, String password, String shown) {
        toTheIssuer(browser, page);
        assertThat(browser.getCurrentUrl()).doesNotStartWith(page);
        logIn(browser, username, password);

        await().atMost(PAGE)
                .until(() -> browser.getCurrentUrl().startsWith(page)
                        && browser.findElement(By.id(shown)).isDisplayed());
        assertThat(browser.getCurrentUrl()).doesNotContain("code=");
    }

    /** Opens the page and follows its sign-in button to the issuer's login page. */
    private static void toTheIssuer(WebDriver browser, String page) {
        browser.get(page);
        await().atMost(PAGE)
                .until(() -> browser.findElement(By.id("signin-oidc")).isDisplayed());
        browser.findElement(By.id("signin-oidc")).click();
        await().atMost(PAGE)
                .until(() -> !browser.findElements(By.id("username")).isEmpty());
    }

    /**
     * Starts a sign-in on the page, then changes the state its tab kept under {@code pkceKey} before logging in at the
     * issuer, which sends the browser back with the state first asked for. The verifier stays, so that the code would
     * be redeemable but for the state.
     */
    private static void logInWithAnotherState(
            ChromeDriver browser, String page, String pkceKey, String username, String password) {
        toTheIssuer(browser, page);
        var login = browser.getCurrentUrl();
        // back on the page's origin, where the tab's session storage is
        browser.get(page + "#");
        await().atMost(PAGE)
                .until(() -> browser.findElement(By.id("signin-oidc")).isDisplayed());
        browser.executeScript(
                "const asked = JSON.parse(sessionStorage.getItem(arguments[0]));"
                        + "asked.state = 'not-the-one-sent';"
                        + "sessionStorage.setItem(arguments[0], JSON.stringify(asked));",
                pkceKey);
        browser.get(login);
        logIn(browser, username, password);
    }

    /** Fills in and sends the issuer's login form. */
    private static void logIn(WebDriver browser, String username, String password) {
        await().atMost(PAGE)
                .until(() -> !browser.findElements(By.id("username")).isEmpty());
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
    }
}
