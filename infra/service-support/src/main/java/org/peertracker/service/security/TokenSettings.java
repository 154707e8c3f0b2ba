package org.peertracker.service.security;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How both services read tokens. Which issuer is trusted, and for which audience, is Spring Boot's
 * {@code spring.security.oauth2.resourceserver.jwt.*}.
 *
 * @param claims which claims carry the organisation, the role, the peer id and the platform role
 * @param devKey      the local stack's signing key (a JWK file), trusted only with the {@code local} profile
 * @param localIssuer the local stack's OpenID Connect issuer ({@code infra/local-issuer}), whose tokens the dev key
 *                    signs in its own name: trusted, besides {@code infra/token}'s, only with the {@code local} profile
 */
@ConfigurationProperties("tracker.security")
public record TokenSettings(@DefaultValue Claims claims, Path devKey, String localIssuer) {

    /**
     * Claim names, for issuers that cannot be told to use the defaults.
     *
     * @param platformRole the claim that makes a platform operator when it holds {@code operator}: set apart from the
     *                     organisations' roles, since what an operator does (rebuilds, dead-letter replay) acts for
     *                     every tenant
     */
    public record Claims(
            @DefaultValue("org") String org,
            @DefaultValue("role") String role,
            @DefaultValue("peer_id") String peerId,
            @DefaultValue("platform_role") String platformRole) {}
}
