package org.peertracker.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

class CallerClaimsTest {

    static final CallerClaims DEFAULTS = claims("org", "role", "peer_id");

    @Test
    void readsTheOrganisationTheRoleAndAPeersId() {
        var authentication = DEFAULTS.convert(jwt(Map.of("org", "mainline", "role", "peer", "peer_id", "peer-017")));

        assertThat(authentication.getPrincipal()).isEqualTo(new Caller("mainline", Caller.Role.PEER, "peer-017"));
        assertThat(authentication.getAuthorities()).extracting(a -> a.getAuthority()).containsExactly("ROLE_PEER");
        assertThat(authentication.getName()).isEqualTo("mainline/peer");
    }

    @Test
    void readsTheClaimNamesItIsConfiguredWith() {
        var custom = claims("tenant", "tracker_role", "pid");

        var caller = custom.caller(jwt(Map.of("tenant", "mainline", "tracker_role", "analyst", "org", "other")));

        assertThat(caller).isEqualTo(new Caller("mainline", Caller.Role.ANALYST, null));
    }

    @Test
    void refusesATokenWithoutAnOrganisationOrAKnownRoleOrAPeersId() {
        assertThatThrownBy(() -> DEFAULTS.caller(jwt(Map.of("role", "admin"))))
                .isInstanceOf(InvalidBearerTokenException.class);
        assertThatThrownBy(() -> DEFAULTS.caller(jwt(Map.of("org", "no spaces allowed", "role", "admin"))))
                .isInstanceOf(InvalidBearerTokenException.class);
        assertThatThrownBy(() -> DEFAULTS.caller(jwt(Map.of("org", "mainline", "role", "root"))))
                .isInstanceOf(InvalidBearerTokenException.class);
        assertThatThrownBy(() -> DEFAULTS.caller(jwt(Map.of("org", "mainline", "role", List.of("admin")))))
                .isInstanceOf(InvalidBearerTokenException.class);
        assertThatThrownBy(() -> DEFAULTS.caller(jwt(Map.of("org", "mainline", "role", "peer"))))
                .isInstanceOf(InvalidBearerTokenException.class);
    }

    private static CallerClaims claims(String org, String role, String peerId) {
        return new CallerClaims(new SecurityProperties(new SecurityProperties.Claims(org, role, peerId),
                new SecurityProperties.Cors(List.of()), (Path) null));
    }

    private static Jwt jwt(Map<String, Object> claims) {
        return Jwt.withTokenValue("t").header("alg", "RS256").claims(c -> c.putAll(claims))
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60)).build();
    }
}
