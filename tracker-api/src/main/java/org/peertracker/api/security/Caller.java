package org.peertracker.api.security;

import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * Whoever a request's bearer token names: an organisation, a role in it and, for a peer, the peer's own id; and,
 * separately, whether it is a platform operator (deployment-wide operations, no organisation's data).
 *
 * @param orgId     the organisation; null only for an operator's token that names none
 * @param role      the role in {@code orgId}; null only for an operator's token that names no organisation
 * @param peerId    the peer's id; always set for {@link Role#PEER}, may be null for the other roles
 * @param subject   the token's {@code sub}: whom per-caller limits count (never logged)
 * @param expiresAt when the token expires: what lives on after the request (a live stream) ends then
 * @param operator  a platform operator: may run rebuilds and dead-letter replays, which act for every tenant
 */
public record Caller(String orgId, Role role, String peerId, String subject, Instant expiresAt, boolean operator) {

    /** The roles in an organisation, with the token's spelling. */
    public enum Role {
        PEER("peer"),
        COORDINATOR("coordinator"),
        ANALYST("analyst"),
        ADMIN("admin"),
        /** Another organisation's system reading the event feed: a client-credentials token, no person. */
        INTEGRATION("integration");

        private final String token;

        Role(String token) {
            this.token = token;
        }

        public String token() {
            return token;
        }

        /** The Spring Security authority, e.g. {@code ROLE_ADMIN}. */
        public String authority() {
            return "ROLE_" + name();
        }

        public static Optional<Role> byToken(String token) {
            return Arrays.stream(values())
                    .filter(role -> role.token.equals(token))
                    .findFirst();
        }
    }

    /** The authority of a platform operator, apart from any organisation's roles. */
    public static final String OPERATOR_AUTHORITY = "ROLE_OPERATOR";

    public boolean is(Role other) {
        return role == other;
    }

    /** True when this caller may only see what belongs to its own peer id. */
    public boolean isPeer() {
        return role == Role.PEER;
    }

    /** True when the token is of organisation {@code org}. */
    public boolean belongsTo(String org) {
        return orgId != null && orgId.equals(org);
    }
}
