package org.peertracker.localissuer;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/** The issuer: its endpoints and login page, the field app's client, the demo accounts and what tokens carry. */
@Configuration(proxyBeanMethods = false)
class IssuerConfiguration {

    /** How long an access token lasts: a peer signs in again after it, or the app refreshes it while online. */
    static final Duration ACCESS_TOKEN_TTL = Duration.ofHours(1);

    @Bean
    SecurityFilterChain issuer(HttpSecurity http) throws Exception {
        http.oauth2AuthorizationServer(server -> server.oidc(Customizer.withDefaults()))
                .authorizeHttpRequests(requests -> requests.requestMatchers("/actuator/health")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .formLogin(Customizer.withDefaults())
                // the field app's page (another origin) reads the discovery document and the keys, and redeems codes
                .cors(Customizer.withDefaults());
        return http.build();
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(IssuerProperties properties) {
        return AuthorizationServerSettings.builder()
                .issuer(properties.uri().toString())
                .build();
    }

    @Bean
    RegisteredClientRepository clients(IssuerProperties properties) {
        var field = RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId(properties.clientId())
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUris(uris -> properties.redirectUris().forEach(uri -> uris.add(uri.toString())))
                .scope(OidcScopes.OPENID)
                .clientSettings(ClientSettings.builder()
                        .requireProofKey(true)
                        .requireAuthorizationConsent(false)
                        .build())
                .tokenSettings(TokenSettings.builder()
                        .accessTokenTimeToLive(ACCESS_TOKEN_TTL)
                        .build())
                .build();
        return new InMemoryRegisteredClientRepository(field);
    }

    @Bean
    DemoAccounts demoAccounts(IssuerProperties properties) {
        return DemoAccounts.read(properties.accounts());
    }

    @Bean
    UserDetailsService users(DemoAccounts accounts) {
        var encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        var users = new ArrayList<UserDetails>();
        for (var account : accounts.all()) {
            users.add(User.withUsername(account.username())
                    .password(encoder.encode(account.password()))
                    .roles(account.role().toUpperCase(Locale.ROOT))
                    .build());
        }
        return new InMemoryUserDetailsManager(users);
    }

    /** The stack's dev key, which the services trust with the local profile. */
    @Bean
    JWKSource<SecurityContext> signingKey(IssuerProperties properties) throws Exception {
        var key = RSAKey.parse(Files.readString(properties.signingKey()));
        if (!key.isPrivate()) {
            throw new IllegalStateException(properties.signingKey() + " holds no private key to sign with");
        }
        return new ImmutableJWKSet<>(new JWKSet(key));
    }

    /**
     * Access tokens as the services read them: the organisation, the role and a peer's id, for the services'
     * audience. ID tokens stay the field app's own.
     */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> claims(DemoAccounts accounts, IssuerProperties properties) {
        return context -> {
            if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                return;
            }
            accounts.find(context.getPrincipal().getName()).ifPresent(account -> {
                var claims = context.getClaims()
                        .audience(List.of(properties.audience()))
                        .claim("org", properties.org())
                        .claim("role", account.role());
                if (account.peerId() != null) {
                    claims.claim("peer_id", account.peerId());
                }
            });
        };
    }

    @Bean
    CorsConfigurationSource corsConfigurationSource(IssuerProperties properties) {
        var cors = new CorsConfiguration();
        properties
                .redirectUris()
                .forEach(uri -> cors.addAllowedOrigin(
                        uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())));
        cors.addAllowedMethod("GET");
        cors.addAllowedMethod("POST");
        cors.addAllowedHeader("*");
        var source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        return source;
    }
}
