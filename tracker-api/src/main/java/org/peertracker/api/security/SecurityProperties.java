package org.peertracker.api.security;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How tokens are read and who may call from a browser. Which issuer is trusted is Spring Boot's
 * {@code spring.security.oauth2.resourceserver.jwt.*} (issuer URI or JWK set URI).
 *
 * @param claims which claims carry the organisation, the role and the peer id
 * @param cors   cross-origin callers; none unless configured
 * @param devKey the local stack's signing key (a JWK file), trusted only with the {@code local} profile
 */
@ConfigurationProperties("tracker.security")
public record SecurityProperties(@DefaultValue Claims claims, @DefaultValue Cors cors, Path devKey) {

    /**
     * Claim names, for issuers that cannot be told to use the defaults.
     *
     * @param platformRole the claim that makes a platform operator when it holds {@code operator}: set apart from the
     *                     organisations' roles, since what an operator does (rebuilds, dead-letter replay) acts for
     *                     every tenant
     */
    public record Claims(@DefaultValue("org") String org, @DefaultValue("role") String role,
            @DefaultValue("peer_id") String peerId, @DefaultValue("platform_role") String platformRole) {
    }

    /** Origins allowed to call the API from a browser; empty: none. */
    public record Cors(@DefaultValue List<String> allowedOrigins) {
    }
}
