package org.peertracker.localissuer;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A peer signs in as the field app does it: the authorization code flow with PKCE as a public client, through the
 * login page, and gets an access token signed with the stack's dev key that names its organisation, role and peer for
 * the services' audience. Wrong passwords, a missing proof key, a foreign redirect and a code without its verifier get
 * nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class LocalIssuerIT {

    static final int PORT = freePort();
    static final String ISSUER = "http://localhost:" + PORT;
    static final String REDIRECT = "http://localhost:8080/field/";
    static final RSAKey KEY = key();
    static final String PEER_PASSWORD = "correct-horse-017";

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws IOException {
        var dir = Files.createTempDirectory("local-issuer-it");
        var keyFile = Files.writeString(dir.resolve("dev-signing-key.jwk"), KEY.toJSONString());
        var accounts = Files.writeString(dir.resolve("accounts"), """
                # username=password,role[,peerId]
                peer-017=%s,peer,peer-017
                coordinator=another-secret-1,coordinator
                """.formatted(PEER_PASSWORD));
        registry.add("server.port", () -> PORT);
        registry.add("tracker.issuer.uri", () -> ISSUER);
        registry.add("tracker.issuer.signing-key", keyFile::toString);
        registry.add("tracker.issuer.accounts", accounts::toString);
        registry.add("tracker.issuer.redirect-uris", () -> REDIRECT);
    }

    @Test
    void signsAPeerInWithTheCodeFlowAndPkceAndIssuesATokenTheServicesRead() throws Exception {
        var browser = new Browser();
        var verifier = random(32);

        var code = browser.signIn("peer-017", PEER_PASSWORD, challenge(verifier), REDIRECT);
        assertThat(code).isNotNull();

        var token = browser.post(
                "/oauth2/token",
                Map.of(
                        "grant_type", "authorization_code",
                        "code", code,
                        "redirect_uri", REDIRECT,
                        "client_id", "peer-field",
                        "code_verifier", verifier));
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        var accessToken = field(token.body(), "access_token");
        var jwt = SignedJWT.parse(accessToken);
        assertThat(jwt.verify(new RSASSAVerifier(KEY.toRSAPublicKey())))
                .as("signed with the dev key")
                .isTrue();
        var claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(ISSUER);
        assertThat(claims.getAudience()).containsExactly("peer-tracker");
        assertThat(claims.getStringClaim("org")).isEqualTo("mainline");
        assertThat(claims.getStringClaim("role")).isEqualTo("peer");
        assertThat(claims.getStringClaim("peer_id")).isEqualTo("peer-017");
        assertThat(claims.getExpirationTime()).isNotNull();
        assertThat(claims.getSubject()).isEqualTo("peer-017");

        var discovery = browser.get("/.well-known/openid-configuration", Map.of());
        assertThat(field(discovery.body(), "issuer")).isEqualTo(ISSUER);
    }

    @Test
    void givesNoCodeForAWrongPasswordAForeignRedirectOrWithoutAProofKey() throws Exception {
        assertThat(new Browser().signIn("peer-017", "not-the-password", challenge(random(32)), REDIRECT))
                .isNull();
        assertThat(new Browser().signIn("peer-017", PEER_PASSWORD, challenge(random(32)), "https://evil.example/cb"))
                .isNull();
        assertThat(new Browser().signIn("peer-017", PEER_PASSWORD, null, REDIRECT))
                .isNull();

        var browser = new Browser();
        var code = browser.signIn("peer-017", PEER_PASSWORD, challenge(random(32)), REDIRECT);
        var withoutVerifier = browser.post(
                "/oauth2/token",
                Map.of(
                        "grant_type",
                        "authorization_code",
                        "code",
                        code,
                        "redirect_uri",
                        REDIRECT,
                        "client_id",
                        "peer-field"));
        assertThat(withoutVerifier.statusCode()).isEqualTo(400);
        assertThat(withoutVerifier.body()).doesNotContain("access_token");
    }

    @Test
    void letsTheFieldAppsOriginRedeemCodesAndNoOtherOrigin() throws Exception {
        for (var origin : Map.of("http://localhost:8080", true, "https://evil.example", false)
                .entrySet()) {
            var preflight = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(ISSUER + "/oauth2/token"))
                                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                                    .header("Origin", origin.getKey())
                                    .header("Access-Control-Request-Method", "POST")
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                    .as(origin.getKey())
                    .isEqualTo(origin.getValue() ? Optional.of(origin.getKey()) : Optional.empty());
        }
    }

    /** A browser of one person: its cookies, and no following of redirects, so that each step shows. */
    static final class Browser {

        final HttpClient http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();

        /** The authorization code the issuer sends back to {@code redirect}, or null when it sends none there. */
        String signIn(String username, String password, String challenge, String redirect) throws Exception {
            var query = new LinkedHashMap<String, String>();
            query.put("response_type", "code");
            query.put("client_id", "peer-field");
            query.put("redirect_uri", redirect);
            query.put("scope", "openid");
            query.put("state", "s-1");
            if (challenge != null) {
                query.put("code_challenge", challenge);
                query.put("code_challenge_method", "S256");
            }
            var answer = get("/oauth2/authorize", query);
            for (int step = 0; step < 6 && answer.statusCode() / 100 == 3; step++) {
                var location = answer.headers().firstValue("Location").orElseThrow();
                if (location.startsWith(redirect)) {
                    var params = params(URI.create(location).getRawQuery());
                    return "s-1".equals(params.get("state")) ? params.get("code") : null;
                }
                if (!location.startsWith(ISSUER)) {
                    return null;
                }
                var path = location.substring(ISSUER.length());
                if (path.startsWith("/login") && !path.contains("error")) {
                    var page = get("/login", Map.of());
                    var csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"")
                            .matcher(page.body());
                    assertThat(csrf.find()).as("the login page's CSRF token").isTrue();
                    answer = post("/login", Map.of("username", username, "password", password, "_csrf", csrf.group(1)));
                } else {
                    answer = send(HttpRequest.newBuilder(URI.create(location))
                            .header("Accept", "text/html")
                            .GET());
                }
            }
            return null;
        }

        /** A page, as a browser asks for one (an API client would be answered 401, not sent to log in). */
        HttpResponse<String> get(String path, Map<String, String> query) throws Exception {
            var uri = ISSUER + path + (query.isEmpty() ? "" : "?" + form(query));
            return send(HttpRequest.newBuilder(URI.create(uri))
                    .header("Accept", "text/html")
                    .GET());
        }

        HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
            return send(HttpRequest.newBuilder(URI.create(ISSUER + path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form(form))));
        }

        private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private static String form(Map<String, String> values) {
        return values.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static Map<String, String> params(String query) {
        var params = new LinkedHashMap<String, String>();
        if (query != null) {
            for (var pair : query.split("&")) {
                int eq = pair.indexOf('=');
                params.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    /** A JSON string field of a small answer. */
    private static String field(String json, String name) {
        var matcher = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        assertThat(matcher.find()).as(name + " in " + json).isTrue();
        return matcher.group(1);
    }

    private static String challenge(String verifier) throws Exception {
        var digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    private static String random(int bytes) {
        var buffer = new byte[bytes];
        new SecureRandom().nextBytes(buffer);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer);
    }

    private static RSAKey key() {
        try {
            return new RSAKeyGenerator(2048).keyID("dev").generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
