package org.peertracker.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The local stack's tokens: {@code infra/token}'s issuer always, the local OpenID Connect issuer's only when it is
 * the one configured, never another; for the configured audience, with an expiry.
 */
class TokenValidationTest {

    static final String LOCAL_ISSUER = "http://localhost:9000";

    @Test
    void acceptsTheDevTokensIssuerAndTheConfiguredLocalIssuerOnly() {
        var validators = TokenValidation.localValidators(properties(), LOCAL_ISSUER);

        assertThat(validators
                        .validate(token(TokenValidation.LOCAL_ISSUER, "peer-tracker"))
                        .hasErrors())
                .isFalse();
        assertThat(validators.validate(token(LOCAL_ISSUER, "peer-tracker")).hasErrors())
                .isFalse();
        assertThat(validators
                        .validate(token("http://localhost:9001", "peer-tracker"))
                        .hasErrors())
                .as("another issuer")
                .isTrue();
        assertThat(validators.validate(token(LOCAL_ISSUER, "another-service")).hasErrors())
                .as("another audience")
                .isTrue();
    }

    @Test
    void trustsNoLocalIssuerWhenNoneIsConfigured() {
        var validators = TokenValidation.localValidators(properties(), null);

        assertThat(validators
                        .validate(token(TokenValidation.LOCAL_ISSUER, "peer-tracker"))
                        .hasErrors())
                .isFalse();
        assertThat(validators.validate(token(LOCAL_ISSUER, "peer-tracker")).hasErrors())
                .isTrue();
    }

    private static OAuth2ResourceServerProperties properties() {
        var properties = new OAuth2ResourceServerProperties();
        properties.getJwt().setAudiences(List.of("peer-tracker"));
        return properties;
    }

    private static Jwt token(String issuer, String audience) {
        var now = Instant.now();
        return Jwt.withTokenValue("t")
                .header("alg", "RS256")
                .issuer(issuer)
                .audience(List.of(audience))
                .subject("peer-017")
                .issuedAt(now)
                .expiresAt(now.plusSeconds(600))
                .build();
    }
}
