package org.peertracker.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class FieldSignInTest {

    @Test
    void letsThePagesConnectToTheIssuerOnlyWhenOneIsConfigured() {
        assertThat(SecurityConfiguration.contentSecurityPolicy(new FieldSignIn(null, null, "openid")))
                .isEqualTo(SecurityConfiguration.CONTENT_SECURITY_POLICY)
                .contains("connect-src 'self';");

        var policy = SecurityConfiguration.contentSecurityPolicy(
                new FieldSignIn(URI.create("https://login.example.org:8443/realms/mainline"), "peer-field", "openid"));

        assertThat(policy).contains("connect-src 'self' https://login.example.org:8443;");
        assertThat(policy).doesNotContain("realms", "peer-field");
    }
}
