package org.peertracker.worker.security;

import java.util.ArrayList;
import java.util.Locale;
import org.peertracker.service.security.SecurityProblems;
import org.peertracker.service.security.TokenClaims;
import org.peertracker.service.security.TokenValidation;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The worker serves nothing but actuator: {@code /actuator/health} to anyone (status only), the rest (rebuilds,
 * dead-letter counts and replay, which act for every tenant) to a platform operator's token only; an organisation's
 * admin is refused. Tokens are read as tracker-api reads them (the shared {@code org.peertracker.service.security}).
 * Not in a worker without a web server (tests that run the projectors alone).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class WorkerSecurity {

    @Bean
    SecurityFilterChain actuatorSecurity(
            HttpSecurity http,
            ObjectProvider<JwtDecoder> decoder,
            TokenClaims claims,
            OAuth2ResourceServerProperties resourceServer,
            Environment environment)
            throws Exception {
        var trusted = TokenValidation.trustedDecoder(decoder, environment, resourceServer);
        http.authorizeHttpRequests(requests -> requests.requestMatchers(EndpointRequest.to("health"))
                        .permitAll()
                        .anyRequest()
                        .hasRole("OPERATOR"))
                .oauth2ResourceServer(server -> server.jwt(jwt -> jwt.decoder(trusted)
                                .jwtAuthenticationConverter(token -> {
                                    // an organisation's role as well, so that health shows its details to an operator
                                    // only
                                    var bearer = claims.read(token);
                                    var authorities = new ArrayList<SimpleGrantedAuthority>();
                                    if (bearer.operator()) {
                                        authorities.add(new SimpleGrantedAuthority("ROLE_OPERATOR"));
                                    }
                                    if (bearer.role() != null) {
                                        authorities.add(new SimpleGrantedAuthority(
                                                "ROLE_" + bearer.role().toUpperCase(Locale.ROOT)));
                                    }
                                    return new JwtAuthenticationToken(token, authorities, bearer.name());
                                }))
                        .authenticationEntryPoint(SecurityProblems::unauthorized)
                        .accessDeniedHandler(SecurityProblems::forbidden))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(SecurityProblems::unauthorized)
                        .accessDeniedHandler(SecurityProblems::forbidden))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable());
        return http.build();
    }
}
