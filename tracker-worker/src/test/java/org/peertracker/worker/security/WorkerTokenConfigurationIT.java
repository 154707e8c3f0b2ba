package org.peertracker.worker.security;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.peertracker.testing.RefusedTokenConfiguration;
import org.peertracker.testing.TestInfrastructure;
import org.peertracker.worker.TrackerWorkerApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The worker's actuator (rebuilds, dead-letter replay: acts for every tenant) takes no token the configuration
 * cannot pin down: like the API ({@code IssuerConfigurationIT}), the worker does not start on any of the
 * {@link RefusedTokenConfiguration}s.
 */
class WorkerTokenConfigurationIT {

    @ParameterizedTest
    @EnumSource(RefusedTokenConfiguration.class)
    void refusesToStartWithATokenConfigurationItCannotPinDown(RefusedTokenConfiguration configuration) {
        assertThatThrownBy(() -> start(configuration.arguments())).hasStackTraceContaining(configuration.refusal());
    }

    /** Runs the worker as its jar would run, with its web server, and command-line arguments. */
    private static void start(List<String> extra) {
        var args = new ArrayList<>(extra);
        TestInfrastructure.springProperties(TestInfrastructure.uniqueDatabase("worker_no_issuer"))
                .forEach((key, value) -> args.add("--" + key + "=" + value));
        args.add("--server.port=0");
        new SpringApplicationBuilder(TrackerWorkerApplication.class)
                .run(args.toArray(String[]::new))
                .close();
    }
}
