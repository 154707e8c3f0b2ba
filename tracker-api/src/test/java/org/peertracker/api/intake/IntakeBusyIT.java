package org.peertracker.api.intake;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.peertracker.api.ApiITSupport;
import org.peertracker.api.Http;
import org.peertracker.testing.TestTokens;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The intake with no request allowed in at once: every request is the one over the limit. */
class IntakeBusyIT extends ApiITSupport {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        infrastructure(registry, "intake_busy_it");
        registry.add("tracker.intake.max-concurrent-requests", () -> "0");
    }

    @Test
    void answersARequestOverTheLimit503WithRetryAfterBeforeReadingItsBody() {
        var http = new Http(port).as(TestTokens.shared().coordinator("mainline"));

        // malformed: read, it would be answered 400
        var response = http.post("/api/v1/orgs/mainline/events", "{\"eventId\": ");

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("10");
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("title").asString()).isEqualTo("Intake busy");
        assertThat(response.json().path("detail").asString()).contains("busy");
        assertThat(response.json().path("rule").asString()).isEqualTo("max-concurrent-requests");
    }
}
