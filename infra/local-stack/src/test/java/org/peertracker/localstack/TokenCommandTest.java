package org.peertracker.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenCommandTest {

    @TempDir
    Path dir;

    @Test
    void readsTheOrganisationRolePeerAndLifetime() {
        var request = TokenCommand.parse(
                new String[] {"--org", "mainline", "--role", "peer", "--peer", "peer-017", "--ttl", "30m"});

        assertThat(request)
                .isEqualTo(new TokenCommand.Request("mainline", "peer", "peer-017", false, Duration.ofMinutes(30)));
        assertThat(TokenCommand.parse(new String[] {"--org", "m", "--role", "admin"})
                        .ttl())
                .isEqualTo(Duration.ofHours(8));
        assertThat(TokenCommand.duration("PT2H")).isEqualTo(Duration.ofHours(2));
        assertThat(TokenCommand.duration("2d")).isEqualTo(Duration.ofDays(2));
    }

    @Test
    void readsAnOperatorWhoBelongsToNoOrganisation() {
        assertThat(TokenCommand.parse(new String[] {"--operator", "--ttl", "1h"}))
                .isEqualTo(new TokenCommand.Request(null, null, null, true, Duration.ofHours(1)));
        assertThatThrownBy(
                        () -> TokenCommand.parse(new String[] {"--operator", "--org", "mainline", "--role", "admin"}))
                .hasMessageContaining("--operator");
    }

    @Test
    void refusesAPeerWithoutItsIdAnUnknownRoleAndABadLifetime() {
        assertThatThrownBy(() -> TokenCommand.parse(new String[] {"--org", "m", "--role", "peer"}))
                .hasMessageContaining("--peer");
        assertThatThrownBy(() -> TokenCommand.parse(new String[] {"--org", "m", "--role", "root"}))
                .hasMessageContaining("--role");
        assertThatThrownBy(() -> TokenCommand.parse(new String[] {"--org", "two words", "--role", "admin"}))
                .hasMessageContaining("--org");
        assertThatThrownBy(() -> TokenCommand.duration("forever")).hasMessageContaining("--ttl");
        assertThatThrownBy(() -> TokenCommand.duration("31d")).hasMessageContaining("30d");
    }

    @Test
    void keepsTheKeyReadableByItsOwnerOnlyAndSignsTokensItVerifies() throws Exception {
        var file = dir.resolve("secrets").resolve("dev-signing-key.jwk");

        var key = DevTokens.loadOrCreateKey(file);
        var again = DevTokens.loadOrCreateKey(file);
        var token = SignedJWT.parse(DevTokens.sign(
                key,
                "mainline",
                "peer",
                "peer-017",
                Instant.now(),
                Instant.now().plusSeconds(60)));

        assertThat(again.getKeyID()).isEqualTo(key.getKeyID());
        assertThat(Files.getPosixFilePermissions(file))
                .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        assertThat(token.verify(new RSASSAVerifier(again.toRSAPublicKey()))).isTrue();
        assertThat(token.getJWTClaimsSet().getClaims())
                .containsEntry("org", "mainline")
                .containsEntry("role", "peer")
                .containsEntry("peer_id", "peer-017")
                .containsEntry("iss", DevTokens.ISSUER);
        assertThat(token.getJWTClaimsSet().getAudience()).containsExactly(DevTokens.AUDIENCE);
        assertThat(token.getJWTClaimsSet().getExpirationTime()).isNotNull();
    }

    @Test
    void signsAnOperatorsTokenWithThePlatformRoleAndNoOrganisation() throws Exception {
        var key = DevTokens.generateKey();

        var token = SignedJWT.parse(
                DevTokens.signOperator(key, "ops", Instant.now(), Instant.now().plusSeconds(60)));

        assertThat(token.getJWTClaimsSet().getClaims())
                .containsEntry("platform_role", "operator")
                .doesNotContainKeys("org", "role", "peer_id");
    }
}
