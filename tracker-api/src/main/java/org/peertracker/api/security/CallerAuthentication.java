package org.peertracker.api.security;

import java.util.ArrayList;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/** An authenticated request: its {@link Caller} as the principal, the role (and operator) as its authorities. */
final class CallerAuthentication extends AbstractAuthenticationToken {

    private final Caller caller;
    private final Jwt token;

    CallerAuthentication(Caller caller, Jwt token) {
        super(authorities(caller));
        this.caller = caller;
        this.token = token;
        setAuthenticated(true);
    }

    private static List<GrantedAuthority> authorities(Caller caller) {
        var authorities = new ArrayList<GrantedAuthority>();
        if (caller.role() != null) {
            authorities.add(new SimpleGrantedAuthority(caller.role().authority()));
        }
        if (caller.operator()) {
            authorities.add(new SimpleGrantedAuthority(Caller.OPERATOR_AUTHORITY));
        }
        return authorities;
    }

    @Override
    public Caller getPrincipal() {
        return caller;
    }

    @Override
    public Jwt getCredentials() {
        return token;
    }

    @Override
    public String getName() {
        // never logged with anything else: the org and role say who acted without naming anyone
        return caller.role() == null
                ? "operator"
                : caller.orgId() + "/" + caller.role().token();
    }
}
