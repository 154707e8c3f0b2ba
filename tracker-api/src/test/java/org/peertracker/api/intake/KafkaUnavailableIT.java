package org.peertracker.api.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.peertracker.api.ApiITSupport;
import org.peertracker.api.Http;
import org.peertracker.events.EventCodec;
import org.peertracker.testing.IntakeAnswers;
import org.peertracker.testing.SampleEvents;
import org.peertracker.testing.TestInfrastructure;
import org.peertracker.testing.TestTokens;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The intake with no broker to talk to: nothing may be answered as accepted. */
class KafkaUnavailableIT extends ApiITSupport {

    @DynamicPropertySource
    static void noBroker(DynamicPropertyRegistry registry) throws IOException {
        int closedPort;
        try (var socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:" + closedPort);
        registry.add("spring.kafka.admin.operation-timeout", () -> "1s");
        registry.add("spring.kafka.admin.properties.default.api.timeout.ms", () -> "1000");
        registry.add("spring.kafka.admin.properties.request.timeout.ms", () -> "1000");
        registry.add("spring.kafka.producer.properties.max.block.ms", () -> "1000");
        registry.add("tracker.intake.publish-timeout", () -> "3s");
        registry.add("spring.mongodb.uri", TestInfrastructure::mongoUri);
        registry.add("tracker.pseudonymisation.secret", () -> "test-secret");
        registry.add("tracker.pseudonymisation.derive-org-keys", () -> "true");
        registry.add(
                "tracker.security.dev-key", () -> TestTokens.shared().keyFile().toString());
    }

    @Test
    void answers503WithRetryAfterAndReportsEveryEventAsNotAccepted() {
        var events = new StringBuilder("[");
        for (int i = 0; i < 3; i++) {
            events.append(i == 0 ? "" : ",")
                    .append(EventCodec.write(SampleEvents.event(
                            "mainline",
                            "peer-1",
                            Instant.now(),
                            SampleEvents.anonymousContact("s-" + i, "oost", 1, false, null))));
        }
        events.append("]");

        var response = new Http(port)
                .as(TestTokens.shared().coordinator("mainline"))
                .post("/api/v1/orgs/mainline/events", events.toString());

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("10");
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(IntakeAnswers.statuses(response.json()))
                .containsExactly("not-accepted", "not-accepted", "not-accepted");
        assertThat(response.json().path("summary").path("accepted").asInt()).isZero();
    }

    @Test
    void reportsKafkaDownInHealthWithTheComponentsForAnOperatorOnly() {
        var health = new Http(port).as(TestTokens.shared().operator()).get("/actuator/health");
        var anonymous = new Http(port).get("/actuator/health");

        assertThat(health.status()).isEqualTo(503);
        assertThat(health.json().path("components").path("kafka").path("status").asString())
                .isEqualTo("DOWN");
        assertThat(anonymous.status()).isEqualTo(503);
        assertThat(anonymous.json().path("status").asString()).isEqualTo("DOWN");
        assertThat(anonymous.json().has("components")).isFalse();
    }
}
