package org.peertracker.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.peertracker.service.security.TokenClaims;
import org.peertracker.service.security.TokenSettings;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

class CallerClaimsTest {

    static final CallerClaims DEFAULTS = claims("org", "role", "peer_id");
    static final Instant EXPIRES = Instant.parse("2026-12-01T00:00:00Z");

    @Test
    void readsTheOrganisationTheRoleAndAPeersId() {
        var authentication = DEFAULTS.convert(jwt(Map.of("org", "mainline", "role", "peer", "peer_id", "peer-017")));

        assertThat(authentication.getPrincipal())
                .isEqualTo(new Caller("mainline", Caller.Role.PEER, "peer-017", "sub-1", EXPIRES, false));
        assertThat(authentication.getAuthorities())
                .extracting(a -> a.getAuthority())
                .containsExactly("ROLE_PEER");
        assertThat(authentication.getName()).isEqualTo("mainline/peer");
    }

    @Test
    void readsTheClaimNamesItIsConfiguredWith() {
        var custom = claims("tenant", "tracker_role", "pid");

        var caller = custom.caller(jwt(Map.of("tenant", "mainline", "tracker_role", "analyst", "org", "other")));

        assertThat(caller).isEqualTo(new Caller("mainline", Caller.Role.ANALYST, null, "sub-1", EXPIRES, false));
    }

    @Test
    void readsAPlatformOperatorWithoutAnOrganisationAndAnOrganisationsMemberWhoIsAlsoOne() {
        var operator = DEFAULTS.convert(jwt(Map.of("platform_role", "operator")));
        var both = DEFAULTS.caller(jwt(Map.of("org", "mainline", "role", "admin", "platform_role", "operator")));

        assertThat(operator.getPrincipal()).isEqualTo(new Caller(null, null, null, "sub-1", EXPIRES, true));
        assertThat(operator.getAuthorities()).extracting(a -> a.getAuthority()).containsExactly("ROLE_OPERATOR");
        assertThat(operator.getPrincipal().belongsTo(null)).isFalse();
        assertThat(both.operator()).isTrue();
        assertThat(both.role()).isEqualTo(Caller.Role.ADMIN);
    }

    @Test
    void makesNobodyAnOperatorByAnyOtherValueOfThePlatformRole() {
        assertThatThrownBy(() -> DEFAULTS.caller(jwt(Map.of("platform_role", "admin"))))
                .isInstanceOf(InvalidBearerTokenException.class);
        assertThat(DEFAULTS.caller(jwt(Map.of("org", "m", "role", "admin", "platform_role", "root")))
                        .operator())
                .isFalse();
    }

    @Test
    void spellsItsRolesAsTheTokensOfBothServices() {
        assertThat(Arrays.stream(Caller.Role.values()).map(Caller.Role::token))
                .containsExactlyElementsOf(TokenClaims.ROLES);
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
        return new CallerClaims(new TokenClaims(
                new TokenSettings(new TokenSettings.Claims(org, role, peerId, "platform_role"), (Path) null, null)));
    }

    private static Jwt jwt(Map<String, Object> claims) {
        return Jwt.withTokenValue("t")
                .header("alg", "RS256")
                .claims(c -> c.putAll(claims))
                .subject("sub-1")
                .issuedAt(EXPIRES.minusSeconds(60))
                .expiresAt(EXPIRES)
                .build();
    }
}
