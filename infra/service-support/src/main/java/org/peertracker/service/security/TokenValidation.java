package org.peertracker.service.security;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;

/**
 * What a token must carry besides a good signature: an expiry, the configured issuer and one of the configured
 * audiences. Spring Boot applies the issuer and audiences of {@code spring.security.oauth2.resourceserver.jwt.*} and
 * every {@link OAuth2TokenValidator} bean ({@link TokenSecurity} adds the expiry) to the decoder it builds; the local
 * stack's dev-key decoder applies the same.
 * Outside the {@code local} profile the service refuses to start without an audience, or with a JWK set but no issuer.
 */
public final class TokenValidation {

    /** The {@code iss} of the local stack's tokens ({@code infra/token}); trusted only with the local profile. */
    public static final String LOCAL_ISSUER = "http://localhost/peer-tracker-local";

    private TokenValidation() {}

    /** A token without {@code exp} would be valid forever: Spring checks {@code exp} only when it is there. */
    public static OAuth2TokenValidator<Jwt> expiryRequired() {
        return new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull);
    }

    /**
     * The validators of the local stack's tokens: its issuer ({@code infra/token}'s, or the local OpenID Connect
     * issuer's when one is given), the configured audiences, an expiry.
     */
    public static OAuth2TokenValidator<Jwt> localValidators(
            OAuth2ResourceServerProperties properties, String localIssuer) {
        var validators = new ArrayList<OAuth2TokenValidator<Jwt>>();
        validators.add(
                localIssuer == null || localIssuer.isBlank()
                        ? new JwtIssuerValidator(LOCAL_ISSUER)
                        : anyOf(new JwtIssuerValidator(LOCAL_ISSUER), new JwtIssuerValidator(localIssuer)));
        validators.add(audience(properties.getJwt().getAudiences()));
        validators.add(expiryRequired());
        return JwtValidators.createDefaultWithValidators(validators);
    }

    /**
     * The decoder of this service's bearer tokens, after {@link #check}: a service without a token issuer, or with
     * one that {@code check} refuses, does not start.
     */
    public static JwtDecoder trustedDecoder(
            ObjectProvider<JwtDecoder> decoder, Environment environment, OAuth2ResourceServerProperties properties) {
        var trusted = decoder.getIfAvailable(() -> {
            throw new IllegalStateException("no token issuer configured: set "
                    + "spring.security.oauth2.resourceserver.jwt.issuer-uri (or jwk-set-uri) to the organisation's "
                    + "OpenID Connect issuer, or run with the local profile and the local stack's dev key");
        });
        check(environment, properties);
        return trusted;
    }

    /** Refuses a configuration that would accept tokens meant for another service or of any issuer of a key set. */
    public static void check(Environment environment, OAuth2ResourceServerProperties properties) {
        var jwt = properties.getJwt();
        if (jwt.getAudiences().isEmpty()) {
            throw new IllegalStateException("no token audience configured: set "
                    + "spring.security.oauth2.resourceserver.jwt.audiences (SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_AUDIENCES) "
                    + "to the audience the organisation's issuer puts in this service's tokens");
        }
        if (!environment.acceptsProfiles(Profiles.of("local"))
                && jwt.getJwkSetUri() != null
                && jwt.getIssuerUri() == null) {
            throw new IllegalStateException("a JWK set URI without an issuer would accept tokens of any issuer using "
                    + "those keys: set spring.security.oauth2.resourceserver.jwt.issuer-uri too");
        }
    }

    /** Passes a token that one of {@code validators} passes; else fails with the first one's errors. */
    @SafeVarargs
    static OAuth2TokenValidator<Jwt> anyOf(OAuth2TokenValidator<Jwt>... validators) {
        return jwt -> {
            OAuth2TokenValidatorResult first = null;
            for (var validator : validators) {
                var result = validator.validate(jwt);
                if (!result.hasErrors()) {
                    return result;
                }
                first = first == null ? result : first;
            }
            return first;
        };
    }

    private static OAuth2TokenValidator<Jwt> audience(List<String> audiences) {
        return new JwtClaimValidator<List<String>>(
                JwtClaimNames.AUD, aud -> aud != null && aud.stream().anyMatch(audiences::contains));
    }
}
