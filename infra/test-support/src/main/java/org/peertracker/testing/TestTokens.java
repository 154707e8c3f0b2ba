package org.peertracker.testing;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.peertracker.localstack.DevTokens;

/**
 * Bearer tokens for tests, signed like the local stack's ({@link DevTokens}) with an RSA key made once per JVM.
 * A service trusts them when it runs with the {@code local} profile and {@code tracker.security.dev-key} set to
 * {@link #keyFile()}. {@link #foreign()} signs with another key, which no service trusts.
 */
public final class TestTokens {

    private static final TestTokens SHARED = new TestTokens(DevTokens.generateKey(), DevTokens.ISSUER);
    private static final Duration VALID = Duration.ofHours(1);

    private final RSAKey key;
    private final String issuer;
    private Path keyFile;

    private TestTokens(RSAKey key, String issuer) {
        this.key = key;
        this.issuer = issuer;
    }

    /** The JVM's tokens. */
    public static TestTokens shared() {
        return SHARED;
    }

    /** Tokens signed with a key of their own: a wrong signature for any service that trusts {@link #shared()}. */
    public static TestTokens foreign() {
        return new TestTokens(DevTokens.generateKey(), DevTokens.ISSUER);
    }

    /** Tokens of an OpenID Connect issuer of the tests' own ({@code iss} = {@code issuer}), with a key of their own. */
    public static TestTokens issuedBy(String issuer) {
        return new TestTokens(DevTokens.generateKey(), issuer);
    }

    /**
     * The public half of the key as a JWK file (mode 600), written once: what {@code tracker.security.dev-key} (or
     * {@code TRACKER_SECURITY_DEV_KEY}) points at.
     */
    public synchronized Path keyFile() {
        if (keyFile == null) {
            try {
                var dir = Files.createTempDirectory("tracker-test-key");
                keyFile = dir.resolve("dev-signing-key.jwk");
                DevTokens.write(keyFile, key.toPublicJWK().toJSONString());
                dir.toFile().deleteOnExit();
                keyFile.toFile().deleteOnExit();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return keyFile;
    }

    /**
     * The key pair as a JWK file (mode 600), for a test's own issuer that signs with this key in its own name (the
     * local issuer): the services trust its tokens as they trust these.
     */
    public Path signingKeyFile() {
        try {
            var file = Files.createTempDirectory("tracker-test-signing-key").resolve("dev-signing-key.jwk");
            DevTokens.write(file, key.toJSONString());
            file.toFile().deleteOnExit();
            file.getParent().toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The public key as a JWK set document, as an issuer serves it at its {@code jwks_uri}. */
    public String jwkSet() {
        return new JWKSet(key.toPublicJWK()).toString();
    }

    /** A token valid for an hour; {@code peerId} may be null except for {@code peer}. */
    public String token(String org, String role, String peerId) {
        var now = Instant.now();
        return DevTokens.sign(key, issuer, org, role, peerId, now, now.plus(VALID));
    }

    /** A platform operator's token (no organisation), valid for an hour. */
    public String operator() {
        var now = Instant.now();
        return DevTokens.signOperator(key, "operator@platform", now, now.plus(VALID));
    }

    /** A token of this key and issuer whose claims {@code change} alters before signing: an impostor of one claim. */
    public String altered(String org, String role, java.util.function.Consumer<JWTClaimsSet.Builder> change) {
        var now = Instant.now();
        var claims = DevTokens.orgClaims(issuer, org, role, null, now, now.plus(VALID));
        change.accept(claims);
        return DevTokens.sign(key, claims.build());
    }

    /** A token that expired ten minutes ago (beyond any clock skew a service allows). */
    public String expired(String org, String role, String peerId) {
        var now = Instant.now();
        return DevTokens.sign(
                key, issuer, org, role, peerId, now.minus(Duration.ofHours(1)), now.minus(Duration.ofMinutes(10)));
    }

    public String peer(String org, String peerId) {
        return token(org, "peer", peerId);
    }

    /** A peer's token that expires {@code valid} from now: one that runs out during a test. */
    public String peer(String org, String peerId, Duration valid) {
        var now = Instant.now();
        return DevTokens.sign(key, issuer, org, "peer", peerId, now, now.plus(valid));
    }

    public String coordinator(String org) {
        return token(org, "coordinator", null);
    }

    public String analyst(String org) {
        return token(org, "analyst", null);
    }

    public String admin(String org) {
        return token(org, "admin", null);
    }
}
