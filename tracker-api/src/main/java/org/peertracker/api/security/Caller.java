package org.peertracker.api.security;

import java.util.Arrays;
import java.util.Optional;

/**
 * Whoever a request's bearer token names: an organisation, a role in it and, for a peer, the peer's own id.
 *
 * @param peerId the peer's id; always set for {@link Role#PEER}, may be null for the other roles
 */
public record Caller(String orgId, Role role, String peerId) {

    /** The roles of DESIGN.md, with the token's spelling. */
    public enum Role {
        PEER("peer"), COORDINATOR("coordinator"), ANALYST("analyst"), ADMIN("admin");

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
            return Arrays.stream(values()).filter(role -> role.token.equals(token)).findFirst();
        }
    }

    public boolean is(Role other) {
        return role == other;
    }

    /** True when this caller may only see what belongs to its own peer id. */
    public boolean isPeer() {
        return role == Role.PEER;
    }
}
