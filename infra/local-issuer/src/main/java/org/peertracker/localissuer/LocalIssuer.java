package org.peertracker.localissuer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The local stack's OpenID Connect issuer: the field app signs peers in here as it would at an organisation's issuer
 * (authorization code with PKCE, a public client), with demo accounts of one organisation, one per role. Its tokens are
 * signed with the stack's dev key and carry the claims the services read ({@code org}, {@code role},
 * {@code peer_id}, the audience), so the services trust them with the {@code local} profile as they trust
 * {@code infra/token}'s. Never for production: the accounts and their passwords come from a file.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class LocalIssuer {

    public static void main(String[] args) {
        SpringApplication.run(LocalIssuer.class, args);
    }
}
