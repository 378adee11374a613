package io.concierge.security.internal;

import io.concierge.security.IdentityEvents.SessionsEnded;
import io.concierge.security.SignInPausedException;
import io.concierge.security.TenantAccess;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.oidc.authentication.logout.OidcLogoutToken;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Set;

/**
 * What single sign-on and the second factor add to the console's filter chain: OIDC login with PKCE, OIDC
 * back-channel logout, a session registry (so sessions can be ended), and the redirect to the code step after
 * a right password.
 */
@Component
class IdentitySecurity {

    private static final Logger log = LoggerFactory.getLogger(IdentitySecurity.class);
    /**
     * Refusals {@link SsoUserService} has counted (and audited) already, or, for a pause, deliberately not: a
     * sign-in during a pause is not counted again, as on the password path.
     */
    private static final Set<String> RECORDED = Set.of("unmapped", "deactivated", "name-taken", SsoUserService.PAUSED);
    static final String CODE_STEP = "/login/code";

    private final OidcProviders providers;
    private final SsoUserService ssoUsers;
    private final SessionTracker sessions;
    private final org.springframework.security.core.session.SessionRegistry registry;
    private final ConsoleUserRepository users;
    private final ApplicationEventPublisher events;
    private final LoginAttempts attempts;

    IdentitySecurity(OidcProviders providers, SsoUserService ssoUsers, SessionTracker sessions,
                     org.springframework.security.core.session.SessionRegistry registry,
                     ConsoleUserRepository users, ApplicationEventPublisher events, LoginAttempts attempts) {
        this.providers = providers;
        this.ssoUsers = ssoUsers;
        this.sessions = sessions;
        this.registry = registry;
        this.users = users;
        this.events = events;
        this.attempts = attempts;
    }

    void configure(HttpSecurity http) throws Exception {
        var resolver = new DefaultOAuth2AuthorizationRequestResolver(providers,
                OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI);
        resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        http.oauth2Login(login -> login.loginPage("/login")
                .clientRegistrationRepository(providers)
                .authorizationEndpoint(a -> a.authorizationRequestResolver(resolver))
                .userInfoEndpoint(u -> u.oidcUserService(ssoUsers))
                .failureHandler(this::ssoFailed));
        http.oidcLogout(logout -> logout.clientRegistrationRepository(providers)
                .backChannel(b -> b.logoutHandler(this::backChannelLogout)));
        http.sessionManagement(s -> s.maximumSessions(-1).sessionRegistry(registry).expiredUrl("/login?signed-out"));
        http.addFilterBefore(new UnusableProviderFilter(), OAuth2AuthorizationRequestRedirectFilter.class);
        http.addFilterBefore(new CodeStepRedirect(), UsernamePasswordAuthenticationFilter.class);
    }

    private void ssoFailed(HttpServletRequest request, HttpServletResponse response,
                           org.springframework.security.core.AuthenticationException e) throws IOException {
        var code = e instanceof OAuth2AuthenticationException o ? o.getError().getErrorCode() : "invalid";
        if (!RECORDED.contains(code)) {
            // a token that failed verification (forged, expired, wrong audience) or a provider that answered badly
            var provider = request.getRequestURI().substring(request.getRequestURI().lastIndexOf('/') + 1);
            attempts.recordFailure("unknown (" + provider + ")", TenantAccess.clientAddress(),
                    "single sign-on via " + provider + " refused: " + e.getMessage());
            code = "invalid";
        } else if (e.getCause() instanceof SignInPausedException paused) {
            // the login page says for how long, as it does after a paused password sign-in
            request.getSession().setAttribute(WebAttributes.AUTHENTICATION_EXCEPTION, paused);
        }
        response.sendRedirect(request.getContextPath() + "/login?error=sso&reason=" + code);
    }

    /** A logout token the provider POSTed (signature, issuer, audience and events claim checked by Spring). */
    private void backChannelLogout(HttpServletRequest request, HttpServletResponse response,
                                   Authentication authentication) {
        if (!(authentication.getPrincipal() instanceof OidcLogoutToken token)) {
            return;
        }
        var provider = request.getRequestURI().substring(request.getRequestURI().lastIndexOf('/') + 1);
        if (token.getSubject() != null) {
            users.findByManagedByAndExternalSubject(provider, token.getSubject()).ifPresent(user -> {
                int ended = sessions.expireAll(user.getUsername());
                log.info("Provider '{}' logged '{}' out: {} session(s) ended", provider, user.getUsername(), ended);
                events.publishEvent(new SessionsEnded("provider:" + provider, user.getUsername(), ended,
                        "back-channel logout from provider '" + provider + "'"));
            });
        }
    }

    /** A provider that is not configured or is disabled gets the login page with a reason, not an error page. */
    private final class UnusableProviderFilter extends OncePerRequestFilter {
        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            var path = request.getRequestURI().substring(request.getContextPath().length());
            var prefix = OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI + "/";
            if (path.startsWith(prefix) && providers.findByRegistrationId(path.substring(prefix.length())) == null) {
                response.sendRedirect(request.getContextPath() + "/login?error=sso&reason=unavailable");
                return;
            }
            chain.doFilter(request, response);
        }
    }

    /**
     * After a right password, a user with a second factor is sent to the code step instead of the page they
     * asked for (which stays saved for later).
     */
    private static final class CodeStepRedirect extends OncePerRequestFilter {
        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            return !"POST".equals(request.getMethod())
                    || !request.getRequestURI().equals(request.getContextPath() + "/login");
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            chain.doFilter(request, new HttpServletResponseWrapper(response) {
                @Override
                public void sendRedirect(String location) throws IOException {
                    if (SecurityContextHolder.getContext().getAuthentication() instanceof SecondFactorPending) {
                        super.sendRedirect(request.getContextPath() + CODE_STEP);
                    } else {
                        super.sendRedirect(location);
                    }
                }
            });
        }
    }
}
