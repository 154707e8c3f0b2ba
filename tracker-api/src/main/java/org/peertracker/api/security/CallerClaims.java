package org.peertracker.api.security;

import org.peertracker.service.security.TokenClaims;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/** A token's claims, read as both services read them ({@link TokenClaims}), as the API's {@link Caller}. */
@Component
class CallerClaims implements Converter<Jwt, CallerAuthentication> {

    private final TokenClaims claims;

    CallerClaims(TokenClaims claims) {
        this.claims = claims;
    }

    @Override
    public CallerAuthentication convert(Jwt token) {
        return new CallerAuthentication(caller(token), token);
    }

    Caller caller(Jwt token) {
        var bearer = claims.read(token);
        var role = bearer.role() == null
                ? null
                : Caller.Role.byToken(bearer.role()).orElseThrow();
        return new Caller(
                bearer.orgId(), role, bearer.peerId(), bearer.subject(), bearer.expiresAt(), bearer.operator());
    }
}
