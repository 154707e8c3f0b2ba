package org.peertracker.api.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.peertracker.api.Problems.assertProblem;

import org.junit.jupiter.api.Test;
import org.peertracker.api.ApiITSupport;
import org.peertracker.api.Http;
import org.peertracker.testing.TestTokens;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class ActivityReadIT extends ApiITSupport {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        infrastructure(registry, "activity_read_it");
    }

    @Test
    void servesARangeOf366DaysAndRefusesALongerOneNamingTheParameter() {
        var http = http();

        var year = http.get("/api/v1/orgs/mainline/activity?from=2025-11-20T00:00:00Z&to=2026-11-21T00:00:00Z");
        var longer = http.get("/api/v1/orgs/mainline/activity?from=2025-11-20T00:00:00Z&to=2026-11-21T00:00:01Z");
        var fromOnly = http.get("/api/v1/orgs/mainline/activity?from=2020-01-01T00:00:00Z");

        assertThat(year.status()).isEqualTo(200);
        assertProblem(longer, 400, "to", "max-range");
        assertThat(longer.json().path("detail").asString()).contains("366 days");
        assertThat(fromOnly.status()).isEqualTo(400);
        assertThat(fromOnly.json().path("field").asString()).isEqualTo("from");
    }

    @Test
    void refusesAPageBeyondAnyListInsteadOfSkippingANegativeCount() {
        var response = http().get("/api/v1/orgs/mainline/activity?page=2147483647&size=200");

        assertProblem(response, 400, "page", "max-page");
    }

    private Http http() {
        return new Http(port).as(TestTokens.shared().coordinator("mainline"));
    }
}
