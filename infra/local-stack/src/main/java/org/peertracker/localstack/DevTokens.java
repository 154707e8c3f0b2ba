package org.peertracker.localstack;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import java.util.UUID;

/**
 * The local stack's own token issuer: an RSA signing key kept as a JWK file in {@code .local/secrets/} (mode 600)
 * and the tokens signed with it, which the services trust only with their {@code local} profile. Tests use the same
 * signing with a key of their own.
 */
public final class DevTokens {

    /**
     * The {@code iss} of every token signed here. URL-shaped, as an OpenID Connect issuer's is: Spring Security converts
     * {@code iss} to a URL and, for any other string, throws and catches an exception on every request.
     */
    public static final String ISSUER = "http://localhost/peer-tracker-local";
    /** The {@code aud} of every token signed here: the audience the services require with the local profile. */
    public static final String AUDIENCE = "peer-tracker";
    /** The claim, and its value, that make a platform operator (rebuilds, dead-letter replay: every tenant's). */
    public static final String PLATFORM_ROLE = "platform_role";

    public static final String OPERATOR = "operator";
    /** The roles of docs/design.md. */
    public static final Set<String> ROLES = Set.of("peer", "coordinator", "analyst", "admin", "integration");

    private DevTokens() {}

    /** Where the local stack keeps its dev signing key. */
    public static Path keyFile(Path dataDir) {
        return dataDir.resolve("secrets").resolve("dev-signing-key.jwk");
    }

    /** A new RSA key pair (2048 bits) with a random key id. */
    public static RSAKey generateKey() {
        try {
            return new RSAKeyGenerator(2048)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .keyID(UUID.randomUUID().toString())
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }

    /**
     * The key pair in {@code file}, made and written (mode 600, in a directory of mode 700) if there is none yet:
     * made once and kept, so that tokens minted before a restart stay valid until they expire.
     */
    public static RSAKey loadOrCreateKey(Path file) {
        try {
            if (Files.exists(file)) {
                return RSAKey.parse(Files.readString(file));
            }
            var key = generateKey();
            write(file, key.toJSONString());
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParseException e) {
            throw new IllegalStateException(file + " holds no JWK; delete it and it is made again", e);
        }
    }

    /** Writes a JWK (the pair, or its public half) to a file only its owner can read. */
    public static void write(Path file, String jwk) throws IOException {
        var dir = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(
                    dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, jwk + System.lineSeparator());
    }

    /**
     * A signed token (RS256) with the claims the services read: {@code org}, {@code role} and, when given,
     * {@code peer_id}.
     */
    public static String sign(RSAKey key, String org, String role, String peerId, Instant issuedAt, Instant expiresAt) {
        return sign(key, ISSUER, org, role, peerId, issuedAt, expiresAt);
    }

    /** As {@link #sign(RSAKey, String, String, String, Instant, Instant)}, in the name of another issuer. */
    public static String sign(
            RSAKey key, String issuer, String org, String role, String peerId, Instant issuedAt, Instant expiresAt) {
        return sign(
                key, orgClaims(issuer, org, role, peerId, issuedAt, expiresAt).build());
    }

    /** A platform operator's token: no organisation, no role in one. */
    public static String signOperator(RSAKey key, String subject, Instant issuedAt, Instant expiresAt) {
        return sign(
                key,
                claims(ISSUER, subject, issuedAt, expiresAt)
                        .claim(PLATFORM_ROLE, OPERATOR)
                        .build());
    }

    /** The claims of a token of an organisation's member, for a test to change before signing. */
    public static JWTClaimsSet.Builder orgClaims(
            String issuer, String org, String role, String peerId, Instant issuedAt, Instant expiresAt) {
        var claims = claims(issuer, peerId != null ? peerId : role + "@" + org, issuedAt, expiresAt)
                .claim("org", org)
                .claim("role", role);
        if (peerId != null) {
            claims.claim("peer_id", peerId);
        }
        return claims;
    }

    private static JWTClaimsSet.Builder claims(String issuer, String subject, Instant issuedAt, Instant expiresAt) {
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(AUDIENCE)
                .subject(subject)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(issuedAt))
                .notBeforeTime(Date.from(issuedAt))
                .expirationTime(Date.from(expiresAt));
    }

    /** The claims signed with RS256 and serialised. */
    public static String sign(RSAKey key, JWTClaimsSet claims) {
        var header = new JWSHeader.Builder(JWSAlgorithm.RS256)
                .type(JOSEObjectType.JWT)
                .keyID(key.getKeyID())
                .build();
        var jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
        return jwt.serialize();
    }
}
