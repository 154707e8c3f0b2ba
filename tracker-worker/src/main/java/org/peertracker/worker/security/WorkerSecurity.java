package org.peertracker.worker.security;

import com.nimbusds.jose.jwk.RSAKey;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.core.env.Environment;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;
import tools.jackson.databind.json.JsonMapper;

/**
 * The worker serves nothing but actuator: {@code /actuator/health} to anyone (status only), the rest (rebuilds,
 * dead-letter counts and replay, which act for every tenant) to a platform operator's token only; an organisation's
 * admin is refused. Tokens are read as tracker-api reads them: the same issuer, audience and expiry rules, the same
 * {@code tracker.security.claims.*}, the dev key only with the {@code local} profile. Not in a worker without a web
 * server (tests that run the projectors alone).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class WorkerSecurity {

    static final Pattern ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_:-]{0,63}$");
    static final List<String> ROLES = List.of("peer", "coordinator", "analyst", "admin");
    static final String OPERATOR = "operator";

    /**
     * @param claims names of the organisation, role and platform role claims (as tracker-api's)
     * @param devKey the local stack's signing key (a JWK file), trusted only with the {@code local} profile
     */
    @ConfigurationProperties("tracker.security")
    record Settings(@DefaultValue Claims claims, Path devKey) {

        record Claims(@DefaultValue("org") String org, @DefaultValue("role") String role,
                @DefaultValue("platform_role") String platformRole) {
        }
    }

    @Bean
    SecurityFilterChain actuatorSecurity(HttpSecurity http, ObjectProvider<JwtDecoder> decoder, Settings settings,
            OAuth2ResourceServerProperties resourceServer, Environment environment) throws Exception {
        var trusted = decoder.getIfAvailable(() -> {
            throw new IllegalStateException("no token issuer configured: set "
                    + "spring.security.oauth2.resourceserver.jwt.issuer-uri (or jwk-set-uri), or run with the local "
                    + "profile and the local stack's dev key");
        });
        TokenValidation.check(environment, resourceServer);
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers(EndpointRequest.to("health")).permitAll()
                        .anyRequest().hasRole("OPERATOR"))
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.decoder(trusted).jwtAuthenticationConverter(token -> authentication(token, settings)))
                        .authenticationEntryPoint((request, response, e) -> problem(response, 401,
                                "A valid bearer token is required."))
                        .accessDeniedHandler((request, response, e) -> problem(response, 403,
                                "This token does not allow this request.")))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint((request, response, e) -> problem(response, 401,
                                "A valid bearer token is required."))
                        .accessDeniedHandler((request, response, e) -> problem(response, 403,
                                "This token does not allow this request.")))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    /**
     * The authorities of a token read as tracker-api reads it: {@code ROLE_OPERATOR} for a platform operator, the
     * organisation role for a token of an organisation; a token that is neither is not accepted.
     */
    static AbstractAuthenticationToken authentication(Jwt token, Settings settings) {
        boolean operator = OPERATOR.equals(token.getClaimAsString(settings.claims().platformRole()));
        var org = token.getClaimAsString(settings.claims().org());
        var role = token.getClaimAsString(settings.claims().role());
        var authorities = new ArrayList<SimpleGrantedAuthority>();
        if (operator) {
            authorities.add(new SimpleGrantedAuthority("ROLE_OPERATOR"));
        }
        if (org != null && ID.matcher(org).matches() && ROLES.contains(role)) {
            authorities.add(new SimpleGrantedAuthority("ROLE_" + role.toUpperCase(Locale.ROOT)));
        } else if (!operator) {
            throw new InvalidBearerTokenException("the token names no organisation or no known role");
        }
        return new JwtAuthenticationToken(token, authorities, operator ? "operator" : org + "/" + role);
    }

    private static void problem(HttpServletResponse response, int status, String detail) throws java.io.IOException {
        if (status == 401) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(JsonMapper.shared().writeValueAsBytes(Map.of("type", "about:blank",
                "title", status == 401 ? "Unauthorized" : "Forbidden", "status", status, "detail", detail)));
    }

    /** The local stack's dev key: only with the {@code local} profile. */
    @Configuration(proxyBeanMethods = false)
    @Profile("local")
    static class LocalDevKey {

        @Bean
        JwtDecoder devKeyDecoder(Settings settings, OAuth2ResourceServerProperties resourceServer) throws Exception {
            var file = settings.devKey();
            if (file == null || !Files.isReadable(file)) {
                throw new IllegalStateException("the local profile needs the dev signing key: set "
                        + "TRACKER_SECURITY_DEV_KEY to the JWK file infra/up makes");
            }
            var decoder = NimbusJwtDecoder.withPublicKey(RSAKey.parse(Files.readString(file)).toRSAPublicKey()).build();
            decoder.setJwtValidator(TokenValidation.localValidators(resourceServer));
            return decoder;
        }
    }
}
