package org.peertracker.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class CorsTest {

    @Test
    void allowsNoOriginUnlessSomeAreConfigured() {
        var request = new MockHttpServletRequest("GET", "/api/v1/orgs/mainline/dashboard");

        assertThat(SecurityConfiguration.cors(List.of()).getCorsConfiguration(request))
                .isNull();
    }

    @Test
    void allowsTheConfiguredOriginsToReadAndPostWithABearerTokenButNoCookies() {
        var request = new MockHttpServletRequest("GET", "/api/v1/orgs/mainline/dashboard");

        var config = SecurityConfiguration.cors(List.of("https://dashboard.example.org"))
                .getCorsConfiguration(request);

        assertThat(config.getAllowedOrigins()).containsExactly("https://dashboard.example.org");
        assertThat(config.getAllowedMethods()).containsExactlyInAnyOrder("GET", "POST");
        assertThat(config.getAllowedHeaders()).contains("Authorization");
        assertThat(config.getAllowCredentials()).isFalse();
        assertThat(config.checkOrigin("https://elsewhere.example")).isNull();
    }
}
