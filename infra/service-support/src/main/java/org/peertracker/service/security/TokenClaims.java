package org.peertracker.service.security;

import java.util.List;
import java.util.regex.Pattern;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * The one place where a token's claims are read, under the names of {@code tracker.security.claims.*}. A token
 * without a usable organisation or role (unless it is an operator's alone), or a peer's without a peer id, is not
 * accepted at all (401).
 */
public final class TokenClaims {

    /** The roles in an organisation, as tokens spell them. */
    public static final List<String> ROLES = List.of("peer", "coordinator", "analyst", "admin", "integration");
    /** The contract's id rule, of organisations and peers. */
    public static final Pattern ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_:-]{0,63}$");
    /** The value of the platform role claim that makes an operator. */
    public static final String OPERATOR = "operator";

    private final TokenSettings.Claims names;

    public TokenClaims(TokenSettings settings) {
        this.names = settings.claims();
    }

    public Bearer read(Jwt token) {
        boolean operator = OPERATOR.equals(token.getClaimAsString(names.platformRole()));
        var org = token.getClaimAsString(names.org());
        var role = token.getClaimAsString(names.role());
        if (operator && org == null && role == null) {
            return new Bearer(null, null, null, token.getSubject(), token.getExpiresAt(), true);
        }
        if (org == null || !ID.matcher(org).matches()) {
            throw invalid("the token names no organisation");
        }
        if (!ROLES.contains(role)) {
            throw invalid("the token names no known role");
        }
        var peerId = token.getClaimAsString(names.peerId());
        if (peerId != null && !ID.matcher(peerId).matches()) {
            throw invalid("the token's peer id is not an id");
        }
        if (role.equals("peer") && peerId == null) {
            throw invalid("a peer's token must name the peer");
        }
        return new Bearer(org, role, peerId, token.getSubject(), token.getExpiresAt(), operator);
    }

    private static InvalidBearerTokenException invalid(String reason) {
        return new InvalidBearerTokenException(reason);
    }
}
