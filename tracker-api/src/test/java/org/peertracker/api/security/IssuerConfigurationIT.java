package org.peertracker.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.JWTClaimsSet;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.peertracker.api.Http;
import org.peertracker.api.TrackerApiApplication;
import org.peertracker.localstack.DevTokens;
import org.peertracker.testing.RefusedTokenConfiguration;
import org.peertracker.testing.TestInfrastructure;
import org.peertracker.testing.TestTokens;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The API as production runs it: no {@code local} profile, an organisation's OpenID Connect issuer configured by
 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} (here a small server of the test's own serving the
 * discovery document and the JWK set). The dev key counts for nothing then, even when configured.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IssuerConfigurationIT {

    private static HttpServer issuerServer;
    private static TestTokens issuer;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.springProperties(TestInfrastructure.uniqueDatabase("issuer_it"))
                .forEach((key, value) -> registry.add(key, () -> value));
        registry.add("tracker.pseudonymisation.secret", () -> "test-secret");
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", IssuerConfigurationIT::issuerUri);
        registry.add("spring.security.oauth2.resourceserver.jwt.audiences", () -> DevTokens.AUDIENCE);
        registry.add(
                "tracker.security.dev-key", () -> TestTokens.shared().keyFile().toString());
    }

    @AfterAll
    static void stopIssuer() {
        if (issuerServer != null) {
            issuerServer.stop(0);
        }
    }

    @Test
    void acceptsTheConfiguredIssuersTokens() {
        var org = "org-" + UUID.randomUUID().toString().substring(0, 8);

        var response = new Http(port).as(issuer.coordinator(org)).get("/api/v1/orgs/" + org + "/dashboard");

        assertThat(response.status()).isEqualTo(200);
    }

    @Test
    void neverTrustsTheDevKeyWithoutTheLocalProfile() {
        var org = "org-" + UUID.randomUUID().toString().substring(0, 8);

        var response =
                new Http(port).as(TestTokens.shared().coordinator(org)).get("/api/v1/orgs/" + org + "/dashboard");

        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void refusesATokenOfTheIssuersKeyInAnotherIssuersName() {
        assertRefused(claims -> claims.issuer("http://127.0.0.1:1/elsewhere"));
    }

    @Test
    void refusesATokenOfTheIssuersKeyForAnotherAudience() {
        assertRefused(claims -> claims.audience("another-service"));
    }

    @Test
    void refusesATokenOfTheIssuersKeyWithoutAnAudience() {
        assertRefused(claims -> claims.audience((String) null));
    }

    @Test
    void refusesATokenOfTheIssuersKeyWithoutAnExpiry() {
        assertRefused(claims -> claims.expirationTime(null));
    }

    /** A token signed by the trusted key, good but for one claim that {@code change} spoils, is not accepted. */
    private void assertRefused(Consumer<JWTClaimsSet.Builder> change) {
        var org = "org-" + UUID.randomUUID().toString().substring(0, 8);
        var http = new Http(port);

        var good = http.as(issuer.altered(org, "coordinator", claims -> {})).get("/api/v1/orgs/" + org + "/dashboard");
        var impostor = http.as(issuer.altered(org, "coordinator", change)).get("/api/v1/orgs/" + org + "/dashboard");

        assertThat(good.status()).isEqualTo(200);
        assertThat(impostor.status()).isEqualTo(401);
    }

    @ParameterizedTest
    @EnumSource(RefusedTokenConfiguration.class)
    void refusesToStartWithATokenConfigurationItCannotPinDown(RefusedTokenConfiguration configuration) {
        assertThatThrownBy(() -> start(configuration.arguments().toArray(String[]::new)))
                .hasStackTraceContaining(configuration.refusal());
    }

    @Test
    void refusesToStartTheLocalProfileWithoutTheDevKey() {
        assertThatThrownBy(() -> start("--spring.profiles.active=local"))
                .hasStackTraceContaining("the local profile needs the dev signing key");
    }

    /** Runs the API as its jar would run, with command-line arguments (which outrank application.yml). */
    private static void start(String... extra) {
        var args = new ArrayList<>(List.of(extra));
        TestInfrastructure.springProperties(TestInfrastructure.uniqueDatabase("no_issuer"))
                .forEach((key, value) -> args.add("--" + key + "=" + value));
        args.add("--server.port=0");
        args.add("--tracker.pseudonymisation.secret=test-secret");
        new SpringApplicationBuilder(TrackerApiApplication.class)
                .run(args.toArray(String[]::new))
                .close();
    }

    /** Starts the issuer once: its discovery document names its JWK set, which holds the tokens' key. */
    private static synchronized String issuerUri() {
        if (issuerServer == null) {
            try {
                issuerServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            var base = "http://127.0.0.1:" + issuerServer.getAddress().getPort() + "/realms/test";
            issuer = TestTokens.issuedBy(base);
            issuerServer.createContext("/", exchange -> {
                var path = exchange.getRequestURI().getPath();
                String body;
                if (path.endsWith("/.well-known/openid-configuration")) {
                    body = """
                            {"issuer": "%s", "jwks_uri": "%s/jwks", "subject_types_supported": ["public"],
                             "id_token_signing_alg_values_supported": ["RS256"]}""".formatted(base, base);
                } else if (path.endsWith("/jwks")) {
                    body = issuer.jwkSet();
                } else {
                    exchange.sendResponseHeaders(404, -1);
                    exchange.close();
                    return;
                }
                var bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
                exchange.close();
            });
            issuerServer.start();
        }
        return "http://127.0.0.1:" + issuerServer.getAddress().getPort() + "/realms/test";
    }
}
