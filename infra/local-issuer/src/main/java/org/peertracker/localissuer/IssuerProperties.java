package org.peertracker.localissuer;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The local issuer's settings, as {@code infra/up} gives them.
 *
 * @param uri          the issuer's own address, its {@code iss}: the services accept it with the local profile
 * @param signingKey   the stack's dev key (a JWK file holding the RSA pair), which the services trust locally
 * @param accounts     a file of the demo accounts, one per line: {@code username=password,role[,peerId]}
 * @param org          the organisation of every account
 * @param audience     the audience of the access tokens, as the services require it
 * @param clientId     the field app's public client
 * @param redirectUris where the field app may be sent back to ({@code http://localhost:8080/field/}, per API)
 */
@ConfigurationProperties("tracker.issuer")
public record IssuerProperties(
        URI uri,
        Path signingKey,
        Path accounts,
        @DefaultValue("mainline") String org,
        @DefaultValue("peer-tracker") String audience,
        @DefaultValue("peer-field") String clientId,
        List<URI> redirectUris) {}
