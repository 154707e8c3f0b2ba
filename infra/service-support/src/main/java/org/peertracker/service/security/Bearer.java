package org.peertracker.service.security;

import java.time.Instant;

/**
 * Whom a valid token names, as both services read it: an organisation and a role in it, and, set apart, whether it
 * is a platform operator.
 *
 * @param orgId     the organisation; null only for an operator's token that names none
 * @param role      one of {@link TokenClaims#ROLES}; null only for an operator's token that names no organisation
 * @param peerId    the peer's own id; always set for the {@code peer} role
 * @param subject   the token's {@code sub}
 * @param expiresAt when the token expires
 * @param operator  a platform operator: rebuilds and dead-letter replays, which act for every tenant
 */
public record Bearer(String orgId, String role, String peerId, String subject, Instant expiresAt, boolean operator) {

    /** Never logged with anything else: the org and role say who acted without naming anyone. */
    public String name() {
        return role == null ? "operator" : orgId + "/" + role;
    }
}
