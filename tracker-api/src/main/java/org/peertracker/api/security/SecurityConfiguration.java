package org.peertracker.api.security;

import static org.peertracker.api.security.Caller.Role.ADMIN;
import static org.peertracker.api.security.Caller.Role.ANALYST;
import static org.peertracker.api.security.Caller.Role.COORDINATOR;
import static org.peertracker.api.security.Caller.Role.INTEGRATION;
import static org.peertracker.api.security.Caller.Role.PEER;

import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.peertracker.service.security.SecurityProblems;
import org.peertracker.service.security.TokenValidation;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Who may call what. Every {@code /api/v1/orgs/{orgId}/**} request needs a token of that organisation and a role
 * allowed for the endpoint (docs/design.md, "Roles and the operator"); anything else is 403 with the same body whatever exists there.
 * Actuator, beyond the health status, is a platform operator's. Finer rules that depend on the data (a peer's own
 * cases and record) are the controllers'; the small-count
 * suppression of analysts' answers is {@link AnalystResponses}'.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String ORG = "/api/v1/orgs/{orgId}";

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";

    /** The organisation's events as published: for its integration clients, coordinators and admins. */
    static final String FEED = ORG + "/feed";
    /**
     * The policy of every answer: the field app's pages may also connect to the OpenID Connect issuer it signs
     * peers in with (discovery, token and refresh requests), when one is configured.
     */
    static String contentSecurityPolicy(FieldSignIn fieldSignIn) {
        var issuer = fieldSignIn.connectOrigin();
        return issuer == null
                ? CONTENT_SECURITY_POLICY
                : CONTENT_SECURITY_POLICY.replace("connect-src 'self'", "connect-src 'self' " + issuer);
    }

    /** Server-Sent Events of view changes. */
    static final String LIVE = ORG + "/live";

    /** What an analyst may read: the aggregate views, each answered through the small-count suppression. */
    static final String[] AGGREGATES = {
        ORG + "/dashboard",
        ORG + "/outreach/daily",
        ORG + "/outreach/clients-reached",
        ORG + "/support/caseload",
        ORG + "/campaigns",
        ORG + "/campaigns/*",
        ORG + "/involvement/monthly"
    };

    /**
     * The exports of the aggregate views: an analyst may download them, its rows shaped by the declaration of the
     * view's JSON read (exports.Exports); every other export is the readers' of its JSON view.
     */
    static final String[] AGGREGATE_EXPORTS = {
        ORG + "/exports/caseload",
        ORG + "/exports/referrals",
        ORG + "/exports/outreach-daily",
        ORG + "/exports/clients-reached",
        ORG + "/exports/campaigns",
        ORG + "/exports/involvement-monthly"
    };

    /** The exports of what a peer may read of its own: the controllers' export holds only its own rows. */
    static final String[] OWN_EXPORTS = {ORG + "/exports/cases", ORG + "/exports/outreach-sessions"};

    @Bean
    SecurityFilterChain apiSecurity(
            HttpSecurity http,
            ObjectProvider<JwtDecoder> decoder,
            CallerClaims claims,
            SecurityProperties cors,
            OAuth2ResourceServerProperties resourceServer,
            FieldSignIn fieldSignIn,
            Environment environment)
            throws Exception {
        var trusted = TokenValidation.trustedDecoder(decoder, environment, resourceServer);
        http.authorizeHttpRequests(requests -> requests.dispatcherTypeMatchers(DispatcherType.ERROR)
                        .permitAll()
                        .requestMatchers(EndpointRequest.to("health"))
                        .permitAll()
                        // actuator acts for the whole deployment: a platform operator's, no organisation's admin's
                        .requestMatchers(EndpointRequest.toAnyEndpoint())
                        .hasAuthority(Caller.OPERATOR_AUTHORITY)
                        .requestMatchers("/actuator/**")
                        .hasAuthority(Caller.OPERATOR_AUTHORITY)
                        .requestMatchers(
                                HttpMethod.GET,
                                "/api/v1/schemas/**",
                                "/v3/api-docs",
                                "/v3/api-docs/**",
                                "/swagger-ui.html",
                                "/swagger-ui/**")
                        .permitAll()
                        // the dashboard's and the field app's pages and files: public code, no data; the data needs
                        // a token. The shared message catalogue and the field app's sign-in settings hold no secret
                        .requestMatchers(
                                HttpMethod.GET,
                                "/",
                                "/index.html",
                                "/assets/**",
                                "/vendor/**",
                                "/i18n/**",
                                "/field",
                                "/field/**")
                        .permitAll()
                        .requestMatchers(HttpMethod.POST, ORG + "/events")
                        .access(inOrg(PEER, COORDINATOR, ADMIN))
                        // a client's cases by its code: a peer gets its own (the controller filters)
                        .requestMatchers(HttpMethod.POST, ORG + "/support/cases/lookup")
                        .access(inOrg(PEER, COORDINATOR, ADMIN))
                        // a peer erases its own events' texts (the controller checks whose and when)
                        .requestMatchers(HttpMethod.POST, ORG + "/erasures")
                        .access(inOrg(PEER, COORDINATOR, ADMIN))
                        // a peer's own: the controllers answer a peer with its own cases, sessions, record, events
                        .requestMatchers(
                                HttpMethod.GET,
                                ORG + "/support/cases",
                                ORG + "/support/cases/*",
                                ORG + "/support/follow-ups",
                                ORG + "/peers/*",
                                ORG + "/peers/*/involvement",
                                ORG + "/outreach/sessions",
                                ORG + "/outreach/sessions/*",
                                ORG + "/events/*")
                        .access(inOrg(PEER, COORDINATOR, ADMIN))
                        .requestMatchers(HttpMethod.GET, OWN_EXPORTS)
                        .access(inOrg(PEER, COORDINATOR, ADMIN))
                        .requestMatchers(HttpMethod.GET, AGGREGATES)
                        .access(inOrg(ANALYST, COORDINATOR, ADMIN))
                        .requestMatchers(HttpMethod.GET, AGGREGATE_EXPORTS)
                        .access(inOrg(ANALYST, COORDINATOR, ADMIN))
                        .requestMatchers(HttpMethod.GET, FEED)
                        .access(inOrg(INTEGRATION, COORDINATOR, ADMIN))
                        .requestMatchers(HttpMethod.GET, LIVE)
                        .access(inOrg(ANALYST, COORDINATOR, ADMIN))
                        .requestMatchers(ORG, ORG + "/**")
                        .access(inOrg(COORDINATOR, ADMIN))
                        .anyRequest()
                        .authenticated())
                .oauth2ResourceServer(
                        server -> server.jwt(jwt -> jwt.decoder(trusted).jwtAuthenticationConverter(claims))
                                .bearerTokenResolver(bearerTokens())
                                .authenticationEntryPoint(SecurityProblems::unauthorized)
                                .accessDeniedHandler(SecurityProblems::forbidden))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(SecurityProblems::unauthorized)
                        .accessDeniedHandler(SecurityProblems::forbidden))
                // the dashboard runs only its own files: no inline script, no other origin, never framed
                .headers(headers ->
                        headers.contentSecurityPolicy(csp -> csp.policyDirectives(contentSecurityPolicy(fieldSignIn))))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                // bearer tokens only, never cookies: nothing for a forged cross-site request to ride on
                .csrf(csrf -> csrf.disable())
                .cors(config -> config.configurationSource(cors(cors.allowedOrigins())));
        return http.build();
    }

    /**
     * Tokens come in the Authorization header; on the live stream only, also as {@code access_token} in the query,
     * because a browser's EventSource cannot set headers. Nothing logs query strings.
     */
    static BearerTokenResolver bearerTokens() {
        var header = new DefaultBearerTokenResolver();
        var headerOrQuery = new DefaultBearerTokenResolver();
        headerOrQuery.setAllowUriQueryParameter(true);
        var live = PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, LIVE);
        return request -> live.matches(request) ? headerOrQuery.resolve(request) : header.resolve(request);
    }

    /** Granted when the path's organisation is the caller's and the caller's role is one of {@code roles}. */
    static AuthorizationManager<RequestAuthorizationContext> inOrg(Caller.Role... roles) {
        Set<Caller.Role> allowed = EnumSet.copyOf(List.of(roles));
        return (authentication, context) -> new AuthorizationDecision(authentication.get() != null
                && authentication.get().getPrincipal() instanceof Caller caller
                && caller.belongsTo(context.getVariables().get("orgId"))
                && allowed.contains(caller.role()));
    }

    /** Closed unless origins are configured: no CORS headers, so browsers keep other sites' pages out. */
    static UrlBasedCorsConfigurationSource cors(List<String> allowedOrigins) {
        var source = new UrlBasedCorsConfigurationSource();
        if (!allowedOrigins.isEmpty()) {
            var config = new CorsConfiguration();
            config.setAllowedOrigins(allowedOrigins);
            config.setAllowedMethods(List.of("GET", "POST"));
            config.setAllowedHeaders(List.of("Authorization", "Content-Type", "Last-Event-ID"));
            config.setAllowCredentials(false);
            config.setMaxAge(3600L);
            source.registerCorsConfiguration("/api/**", config);
        }
        return source;
    }
}
