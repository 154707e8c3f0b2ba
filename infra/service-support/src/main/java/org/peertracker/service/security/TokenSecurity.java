package org.peertracker.service.security;

import com.nimbusds.jose.jwk.RSAKey;
import java.nio.file.Files;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Tokens as both services read them: the claims ({@link TokenClaims}), an expiry required of every token, and with
 * the {@code local} profile the local stack's dev key instead of an issuer. Before Boot's resource server, whose
 * decoder steps aside for the dev key's.
 */
@AutoConfiguration(before = OAuth2ResourceServerAutoConfiguration.class)
@EnableConfigurationProperties(TokenSettings.class)
public class TokenSecurity {

    @Bean
    TokenClaims tokenClaims(TokenSettings settings) {
        return new TokenClaims(settings);
    }

    @Bean
    static OAuth2TokenValidator<Jwt> expiryRequired() {
        return TokenValidation.expiryRequired();
    }

    /**
     * The local stack's tokens: signed with the dev key that {@code infra/up} keeps in {@code .local/secrets/} and
     * {@code infra/token} signs with, in the name of {@link TokenValidation#LOCAL_ISSUER}. Only with the {@code local}
     * profile; without it no dev key is ever trusted, only the configured issuer.
     */
    @Configuration(proxyBeanMethods = false)
    @Profile("local")
    static class LocalDevKey {

        @Bean
        JwtDecoder devKeyDecoder(TokenSettings settings, OAuth2ResourceServerProperties resourceServer)
                throws Exception {
            var file = settings.devKey();
            if (file == null || !Files.isReadable(file)) {
                throw new IllegalStateException(
                        "the local profile needs the dev signing key: set TRACKER_SECURITY_DEV_KEY "
                                + "to the JWK file infra/up makes ("
                                + (file == null ? "not set" : file + " is not readable") + ")");
            }
            // only the public half is used, whether the file holds the pair or the public key alone
            var decoder = NimbusJwtDecoder.withPublicKey(
                            RSAKey.parse(Files.readString(file)).toRSAPublicKey())
                    .build();
            decoder.setJwtValidator(TokenValidation.localValidators(resourceServer, settings.localIssuer()));
            return decoder;
        }
    }
}
