package org.peertracker.worker.security;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.peertracker.localstack.DevTokens;
import org.peertracker.testing.TestInfrastructure;
import org.peertracker.worker.TrackerWorkerApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The worker's actuator (rebuilds, dead-letter replay: acts for every tenant) takes no token the configuration
 * cannot pin down: like the API, the worker does not start without an issuer, without an audience, or with a key
 * set but no issuer.
 */
class WorkerTokenConfigurationIT {

    @Test
    void refusesToStartWithoutAnIssuer() {
        assertThatThrownBy(() -> start()).hasStackTraceContaining("no token issuer configured");
    }

    @Test
    void refusesToStartWithoutAnAudience() {
        assertThatThrownBy(() ->
                        start("--spring.security.oauth2.resourceserver.jwt.issuer-uri=http://127.0.0.1:1/realms/x"))
                .hasStackTraceContaining("no token audience configured");
    }

    @Test
    void refusesToStartWithAKeySetButNoIssuer() {
        assertThatThrownBy(() -> start(
                        "--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://127.0.0.1:1/jwks",
                        "--spring.security.oauth2.resourceserver.jwt.audiences=" + DevTokens.AUDIENCE))
                .hasStackTraceContaining("a JWK set URI without an issuer");
    }

    /** Runs the worker as its jar would run, with its web server, and command-line arguments. */
    private static void start(String... extra) {
        var args = new ArrayList<>(List.of(extra));
        TestInfrastructure.springProperties(TestInfrastructure.uniqueDatabase("worker_no_issuer"))
                .forEach((key, value) -> args.add("--" + key + "=" + value));
        args.add("--server.port=0");
        new SpringApplicationBuilder(TrackerWorkerApplication.class)
                .run(args.toArray(String[]::new))
                .close();
    }
}
