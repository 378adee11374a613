package io.concierge.security.internal;

import io.concierge.security.ui.LoginView;
import jakarta.servlet.DispatcherType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import com.vaadin.flow.spring.security.RequestUtil;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;

@Configuration
@EnableWebSecurity
class SecurityConfig {

    /**
     * Management endpoints: health (with liveness and readiness) is public for load balancers and
     * orchestrators; everything else (Prometheus, metrics, info) needs the scrape credentials over HTTP Basic.
     * Console users cannot use these endpoints, and the scrape account cannot open the console.
     */
    @Bean
    @Order(1)
    SecurityFilterChain managementSecurity(HttpSecurity http, SecurityProperties properties) throws Exception {
        var scrape = properties.management();
        var authentication = new ProviderManager(new ScrapeAuthenticationProvider(scrape));
        return http.securityMatcher("/actuator/**")
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .anyRequest().hasRole("MANAGEMENT"))
                .authenticationManager(authentication)
                // plain statuses, not sendError(): an error dispatch would land in the console's login redirect
                .httpBasic(basic -> basic.authenticationEntryPoint((request, response, e) -> {
                    response.setHeader("WWW-Authenticate", "Basic realm=\"Concierge management\"");
                    response.setStatus(401);
                }))
                .exceptionHandling(errors -> errors.accessDeniedHandler((request, response, e) -> response.setStatus(403)))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'"))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
                .build();
    }

    /**
     * The console. CSRF is configured here rather than by Vaadin, which exempts the login URL (login CSRF: a
     * foreign page could sign a victim's browser in as the attacker). The login form sends Spring's token from
     * the meta tags Vaadin writes into every page. Vaadin's own requests carry Vaadin's token and stay exempt,
     * except a POST to the login URL dressed up as one (a {@code v-r} parameter), which the login filter would
     * otherwise process without any token.
     */
    @Bean
    @Order(2)
    SecurityFilterChain consoleSecurity(HttpSecurity http, RequestUtil vaadinRequests, IdentitySecurity identity)
            throws Exception {
        hardenHeaders(http);
        identity.configure(http);
        var signIn = PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/login");
        http.csrf(csrf -> csrf.ignoringRequestMatchers(new AndRequestMatcher(
                vaadinRequests::isFrameworkInternalRequest, new NegatedRequestMatcher(signIn))));
        // a refusal's error dispatch answers with its status (403 for a missing token), not a login redirect
        http.authorizeHttpRequests(auth -> auth.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll());
        return http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class)
                .enableCsrfConfiguration(false)).build();
    }

    /**
     * What Vaadin Flow needs and no more: its bootstrap page has inline scripts and the client runs server-sent
     * JavaScript through {@code new Function} ({@code 'unsafe-inline' 'unsafe-eval'}), Lumo and Flow set inline
     * styles, branding previews show uploaded images as {@code data:} URLs, and push uses a same-origin WebSocket.
     * Nothing loads from or posts to another origin, nothing may frame the console, and plugins are off. Checked in
     * Chromium on the login page and the editors (SecurityHeadersBrowserTest).
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    /** Browser features the console never uses, switched off for it and anything it might embed. */
    static final String PERMISSIONS_POLICY = "accelerometer=(), camera=(), geolocation=(), gyroscope=(), "
            + "magnetometer=(), microphone=(), payment=(), usb=()";

    private static void hardenHeaders(HttpSecurity http) throws Exception {
        http.headers(headers -> headers
                .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
                .permissionsPolicyHeader(permissions -> permissions.policy(PERMISSIONS_POLICY)));
    }

    /** BCrypt by default, behind a delegating encoder so that stored hashes can be upgraded later. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }
}
