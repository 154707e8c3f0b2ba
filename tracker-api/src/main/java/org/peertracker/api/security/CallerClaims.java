package org.peertracker.api.security;

import java.util.regex.Pattern;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.stereotype.Component;

/**
 * The one place where a token's claims become a {@link Caller}: organisation, role and (for a peer) peer id, under
 * the claim names of {@code tracker.security.claims.*}, and the platform operator's claim. A token without a usable
 * organisation or role (unless it is an operator's alone), or a peer's token without a peer id, is not accepted at
 * all (401).
 */
@Component
class CallerClaims implements Converter<Jwt, CallerAuthentication> {

    /** The contract's id rule (README, "Ids"). */
    static final Pattern ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_:-]{0,63}$");
    /** The value of the platform role claim that makes an operator. */
    static final String OPERATOR = "operator";

    private final SecurityProperties.Claims names;

    CallerClaims(SecurityProperties properties) {
        this.names = properties.claims();
    }

    @Override
    public CallerAuthentication convert(Jwt token) {
        return new CallerAuthentication(caller(token), token);
    }

    Caller caller(Jwt token) {
        boolean operator = OPERATOR.equals(token.getClaimAsString(names.platformRole()));
        var org = token.getClaimAsString(names.org());
        var roleClaim = token.getClaimAsString(names.role());
        if (operator && org == null && roleClaim == null) {
            return new Caller(null, null, null, token.getSubject(), token.getExpiresAt(), true);
        }
        if (org == null || !ID.matcher(org).matches()) {
            throw invalid("the token names no organisation");
        }
        var role = Caller.Role.byToken(roleClaim).orElseThrow(() -> invalid("the token names no known role"));
        var peerId = token.getClaimAsString(names.peerId());
        if (peerId != null && !ID.matcher(peerId).matches()) {
            throw invalid("the token's peer id is not an id");
        }
        if (role == Caller.Role.PEER && peerId == null) {
            throw invalid("a peer's token must name the peer");
        }
        return new Caller(org, role, peerId, token.getSubject(), token.getExpiresAt(), operator);
    }

    private static InvalidBearerTokenException invalid(String reason) {
        return new InvalidBearerTokenException(reason);
    }
}
