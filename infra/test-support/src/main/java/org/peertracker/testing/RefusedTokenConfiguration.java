package org.peertracker.testing;

import java.util.List;
import org.peertracker.localstack.DevTokens;

/**
 * The token configurations a service refuses to start with, as arguments of its command line, and the words its
 * refusal names: both services take the same rules ({@code TokenValidation} in service-support), and each is tested
 * against this one list.
 */
public enum RefusedTokenConfiguration {
    /** No issuer nor key: nothing to check a token's signature with. */
    NO_ISSUER("no token issuer configured"),
    /** No audience: tokens the issuer made for other services would be taken. */
    NO_AUDIENCE(
            "no token audience configured",
            "--spring.security.oauth2.resourceserver.jwt.issuer-uri=http://127.0.0.1:1/realms/x"),
    /** A key set but no issuer: tokens of any issuer using those keys would be taken. */
    KEY_SET_WITHOUT_ISSUER(
            "a JWK set URI without an issuer",
            "--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://127.0.0.1:1/jwks",
            "--spring.security.oauth2.resourceserver.jwt.audiences=" + DevTokens.AUDIENCE);

    private final String refusal;
    private final List<String> arguments;

    RefusedTokenConfiguration(String refusal, String... arguments) {
        this.refusal = refusal;
        this.arguments = List.of(arguments);
    }

    /** What the refusal to start says. */
    public String refusal() {
        return refusal;
    }

    /** The command-line arguments that configure it (beside the test's infrastructure). */
    public List<String> arguments() {
        return arguments;
    }
}
