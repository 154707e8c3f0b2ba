package org.peertracker.api.field;

import io.swagger.v3.oas.annotations.Operation;
import org.peertracker.api.security.FieldSignIn;
import org.peertracker.api.system.ViewSettings;
import org.peertracker.service.security.TokenSettings;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the field app needs to sign a peer in, and the organisation's time zone its figures' days and months are
 * counted in: public settings, no secret (a public client uses PKCE).
 */
@RestController
class FieldController {

    private final FieldSignIn signIn;
    private final TokenSettings tokens;
    private final ViewSettings views;

    FieldController(FieldSignIn signIn, TokenSettings tokens, ViewSettings views) {
        this.signIn = signIn;
        this.tokens = tokens;
        this.views = views;
    }

    /**
     * @param issuer   the OpenID Connect issuer, or null: then the app takes a token from its link or pasted
     * @param clientId the app's public client id
     * @param claims   the names of the claims that carry the organisation, the role and the peer
     * @param zone     the time zone the views count days and months in, so that the app's "today" is theirs
     */
    record FieldConfig(String issuer, String clientId, String scope, Claims claims, String zone) {}

    record Claims(String org, String role, String peerId) {}

    @Operation(
            summary =
                    "The field app's settings: the OpenID Connect issuer and public client, if any; the organisation's time zone")
    @GetMapping("/field/config.json")
    FieldConfig config() {
        var claims = tokens.claims();
        return new FieldConfig(
                signIn.issuerUri() == null ? null : signIn.issuerUri().toString(),
                signIn.clientId(),
                signIn.scope(),
                new Claims(claims.org(), claims.role(), claims.peerId()),
                views.zone().getId());
    }
}
