package io.concierge.security.internal;

import io.concierge.security.ApiTokenEvents.ApiCalled;
import io.concierge.shared.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Map;

/**
 * Authenticates {@code Authorization: Bearer} calls of the API with an {@link ApiTokens} token (for this request
 * only: nothing is stored in a session), applies the rate limit to every caller, token or session, and records
 * each token call in the audit history with the token's id and owner.
 */
/** Built by {@link ApiSecurityConfig} for the API's chain only, so it is no servlet filter of its own. */
class BearerTokenFilter extends OncePerRequestFilter {

    private static final String PREFIX = "Bearer ";

    private final ApiTokens tokens;
    private final ApiRateLimiter limiter;
    private final ApplicationEventPublisher events;

    BearerTokenFilter(ApiTokens tokens, ApiRateLimiter limiter, ApplicationEventPublisher events) {
        this.tokens = tokens;
        this.limiter = limiter;
        this.events = events;
    }

    static boolean hasBearer(HttpServletRequest request) {
        var header = request.getHeader(HttpHeaders.AUTHORIZATION);
        return header != null && header.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!hasBearer(request)) {
            var auth = SecurityContextHolder.getContext().getAuthentication();
            if (auth != null && auth.getPrincipal() instanceof ConsolePrincipal principal
                    && limited("session:" + principal.user().username(), response)) {
                return;
            }
            chain.doFilter(request, response);
            return;
        }
        var presented = request.getHeader(HttpHeaders.AUTHORIZATION).substring(PREFIX.length()).trim();
        var check = tokens.authenticate(presented, request.getRemoteAddr());
        if (check instanceof ApiTokens.Check.Refused refused) {
            Problems.write(response, Problems.of(HttpStatus.UNAUTHORIZED, "unauthenticated", refused.reason()),
                    Map.of("WWW-Authenticate", "Bearer realm=\"Concierge API\", error=\"invalid_token\""));
            return;
        }
        var principal = ((ApiTokens.Check.Valid) check).principal();
        if (limited("token:" + principal.token(), response)) {
            return;
        }
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new ApiTokenAuthentication(principal));
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            var user = principal.user();
            events.publishEvent(new ApiCalled(principal.token(), principal.owner(), user.role(), user.tenant(),
                    request.getMethod(), request.getRequestURI(), response.getStatus(), request.getRemoteAddr()));
        }
    }

    private boolean limited(String caller, HttpServletResponse response) throws IOException {
        var wait = limiter.acquire(caller);
        if (wait == 0) {
            return false;
        }
        Problems.write(response, Problems.of(HttpStatus.TOO_MANY_REQUESTS, "rate-limited",
                "Too many calls: try again in " + wait + " second" + (wait == 1 ? "" : "s") + "."),
                Map.of(HttpHeaders.RETRY_AFTER, Long.toString(wait)));
        return true;
    }
}
