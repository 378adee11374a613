package io.concierge.security.internal;

import io.concierge.shared.web.Problems;
import jakarta.servlet.DispatcherType;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.session.ConcurrentSessionFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

import java.util.Map;

/**
 * The {@code /api/v1} API (and the old {@code /api/audit} paths, which redirect there). Two ways in, one user:
 * an API token ({@code Authorization: Bearer cnc_...}), stateless, no session and no CSRF token (a foreign page
 * cannot set that header); or the signed-in browser session of the console, with its CSRF token on every write.
 * Both end as a {@link ConsolePrincipal}, so the same roles and {@code TenantAccess} checks apply. Missing, invalid,
 * expired or revoked credentials are a 401 problem; calls beyond the rate limit a 429 problem.
 */
@Configuration
class ApiSecurityConfig {

    static final String API_PATHS = "/api/v1/**";
    static final String OLD_AUDIT_PATHS = "/api/audit/**";
    static final String DOCUMENT = "/api/v1/openapi.json";

    @Bean
    @Order(0)
    SecurityFilterChain apiSecurity(HttpSecurity http, ApiTokens tokens, ApiRateLimiter limiter,
                                    ApplicationEventPublisher events, SessionRegistry registry) throws Exception {
        var bearer = new BearerTokenFilter(tokens, limiter, events);
        return http.securityMatcher(API_PATHS, OLD_AUDIT_PATHS)
                .authorizeHttpRequests(auth -> auth
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        // the document describes the API and nothing else: code generators fetch it without a token
                        .requestMatchers(DOCUMENT, OLD_AUDIT_PATHS).permitAll()
                        .anyRequest().access((authentication, context) -> new AuthorizationDecision(
                                authentication.get() != null && authentication.get().isAuthenticated()
                                        && authentication.get().getPrincipal() instanceof ConsolePrincipal)))
                .addFilterBefore(bearer, CsrfFilter.class)
                .csrf(csrf -> csrf.ignoringRequestMatchers(BearerTokenFilter::hasBearer))
                // a browser's session is used, never created or saved (token calls stay stateless), and one that was
                // ended (signed out everywhere, user deactivated) is refused as in the console
                .sessionManagement(session -> session.disable())
                .addFilterAfter(new ConcurrentSessionFilter(registry, event -> Problems.write(event.getResponse(),
                        Problems.of(HttpStatus.UNAUTHORIZED, "unauthenticated",
                                "Your session has ended. Sign in again, or call with an API token."), Map.of())),
                        SecurityContextHolderFilter.class)
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> Problems.write(response,
                                Problems.of(HttpStatus.UNAUTHORIZED, "unauthenticated", "Sign in, or send an API "
                                        + "token as 'Authorization: Bearer cnc_...'."),
                                Map.of("WWW-Authenticate", "Bearer realm=\"Concierge API\"")))
                        .accessDeniedHandler((request, response, e) -> Problems.write(response,
                                Problems.of(HttpStatus.FORBIDDEN, "forbidden", e.getMessage()), Map.of())))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'"))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
                .build();
    }
}
