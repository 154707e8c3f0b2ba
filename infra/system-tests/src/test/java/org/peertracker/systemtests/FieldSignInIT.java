package org.peertracker.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.peertracker.localstack.ChildProcess;
import org.peertracker.testing.TestInfrastructure;
import org.peertracker.testing.TestTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A peer signs in to the field app as it would in production: the app sends it to the OpenID Connect issuer's login
 * page (the local stack's issuer, infra/local-issuer), the issuer sends it back with a code, the app redeems the code
 * with its PKCE verifier, and the API accepts the token it got. Skips without Chromium.
 */
class FieldSignInIT {

    static final Duration PAGE = Duration.ofSeconds(30);

    @Test
    void signsAPeerInThroughTheIssuersLoginPageAndTheApiAcceptsItsToken() throws Exception {
        Chromium.assumeInstalled();
        int issuerPort = freePort();
        var issuer = "http://127.0.0.1:" + issuerPort;
        var dir = Files.createTempDirectory("field-sign-in");
        var accounts = Files.writeString(dir.resolve("accounts"), "peer-017=its-own-password,peer,peer-017\n");
        try (var services = ServicesUnderTest.start(
                "field-sign-in",
                TestInfrastructure.kafkaBootstrapServers(),
                TestInfrastructure.mongoUri(),
                TestInfrastructure.uniqueDatabase("field_sign_in"),
                1,
                0,
                Map.of(
                        "TRACKER_SECURITY_LOCAL_ISSUER",
                        issuer,
                        "TRACKER_FIELD_ISSUER_URI",
                        issuer,
                        "TRACKER_FIELD_CLIENT_ID",
                        "peer-field"))) {
            var app = services.api() + "/field/";
            var issuerProcess = ChildProcess.startJar(
                    "local-issuer",
                    Path.of(System.getProperty("tracker.issuer.jar")),
                    List.of("-Xmx128m"),
                    Map.of(
                            "ISSUER_PORT", String.valueOf(issuerPort),
                            "TRACKER_ISSUER_URI", issuer,
                            "TRACKER_ISSUER_SIGNING_KEY",
                                    TestTokens.shared()
                                            .signingKeyFile()
                                            .toAbsolutePath()
                                            .toString(),
                            "TRACKER_ISSUER_ACCOUNTS", accounts.toString(),
                            "TRACKER_ISSUER_REDIRECT_URIS", app),
                    Path.of("target", "service-logs", "field-sign-in", "issuer.log"));
            try {
                issuerProcess.awaitHealthy(URI.create(issuer + "/actuator/health"), Duration.ofSeconds(120));
                signIn(app);
            } finally {
                issuerProcess.stop(Duration.ofSeconds(10));
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
    }

    private static void signIn(String app) throws IOException {
        try (var chromium = Chromium.start("field-sign-in-browser", 390, 844)) {
            var browser = chromium.browser();
            browser.get(app);
            await().atMost(PAGE)
                    .until(() -> browser.findElement(By.id("signin-oidc")).isDisplayed());
            browser.findElement(By.id("signin-oidc")).click();

            // the issuer's own login page, on the issuer's origin
            await().atMost(PAGE)
                    .until(() -> !browser.findElements(By.id("username")).isEmpty());
            assertThat(browser.getCurrentUrl()).doesNotStartWith(app);
            browser.findElement(By.id("username")).sendKeys("peer-017");
            browser.findElement(By.id("password")).sendKeys("its-own-password");
            browser.findElement(By.cssSelector("button[type=submit]")).click();

            // back in the app, signed in: the code redeemed, nothing of it left in the address
            await().atMost(PAGE)
                    .until(() -> browser.getCurrentUrl().startsWith(app)
                            && browser.findElement(By.id("screen-session")).isDisplayed());
            assertThat(browser.getCurrentUrl()).doesNotContain("code=");
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

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
