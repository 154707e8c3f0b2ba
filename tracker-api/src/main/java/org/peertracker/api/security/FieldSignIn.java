package org.peertracker.api.security;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the field app signs peers in: the organisation's OpenID Connect issuer and the app's public client (code flow
 * with PKCE, no secret). Without an issuer the app takes a token from its link or pasted, as the dashboard does.
 *
 * @param issuerUri the issuer, whose discovery document names the login and token endpoints; none: no sign-in page
 * @param clientId  the field app's client id at that issuer
 * @param scope     the scopes asked for
 */
@ConfigurationProperties("tracker.field")
public record FieldSignIn(
        URI issuerUri,
        String clientId,
        @DefaultValue("openid") String scope) {

    /** The issuer's origin, which the field app's pages must be allowed to connect to; null without an issuer. */
    String connectOrigin() {
        if (issuerUri == null) {
            return null;
        }
        var port = issuerUri.getPort() < 0 ? "" : ":" + issuerUri.getPort();
        return issuerUri.getScheme() + "://" + issuerUri.getHost() + port;
    }
}
