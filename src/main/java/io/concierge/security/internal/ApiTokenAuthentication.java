package io.concierge.security.internal;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import java.util.List;

/** A call authenticated by an API token; its principal carries the user it acts as. */
final class ApiTokenAuthentication extends AbstractAuthenticationToken {

    private final ApiTokenPrincipal principal;

    ApiTokenAuthentication(ApiTokenPrincipal principal) {
        super(List.of(new SimpleGrantedAuthority(principal.user().role().authority())));
        this.principal = principal;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public ApiTokenPrincipal getPrincipal() {
        return principal;
    }

    @Override
    public String getName() {
        return principal.user().username();
    }
}
