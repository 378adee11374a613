package io.concierge.security.internal;

import io.concierge.security.ui.LoginView;
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
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;

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
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain consoleSecurity(HttpSecurity http, IdentitySecurity identity) throws Exception {
        identity.configure(http);
        return http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class)).build();
    }

    /** BCrypt by default, behind a delegating encoder so that stored hashes can be upgraded later. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }
}
