package org.peertracker.api.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.nio.file.Files;
import java.text.ParseException;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The local stack's tokens: signed with the dev key that {@code infra/up} keeps in {@code .local/secrets/} and
 * {@code infra/token} signs with, in the name of {@link TokenValidation#LOCAL_ISSUER}. Only with the {@code local}
 * profile; without it no dev key is ever trusted, only the configured issuer.
 */
@Configuration(proxyBeanMethods = false)
@Profile("local")
class LocalDevKey {

    @Bean
    JwtDecoder devKeyDecoder(SecurityProperties properties, OAuth2ResourceServerProperties resourceServer)
            throws IOException, ParseException, JOSEException {
        var file = properties.devKey();
        if (file == null || !Files.isReadable(file)) {
            throw new IllegalStateException("the local profile needs the dev signing key: set TRACKER_SECURITY_DEV_KEY "
                    + "to the JWK file infra/up makes (" + (file == null ? "not set" : file + " is not readable") + ")");
        }
        // only the public half is used, whether the file holds the pair or the public key alone
        var key = RSAKey.parse(Files.readString(file)).toRSAPublicKey();
        var decoder = NimbusJwtDecoder.withPublicKey(key).build();
        decoder.setJwtValidator(TokenValidation.localValidators(resourceServer));
        return decoder;
    }
}
