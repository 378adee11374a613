package io.concierge.security.internal;

import io.concierge.security.CurrentUser;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;

import java.util.List;

/**
 * The principal of a user signed in through an OIDC provider: the provider's token and claims, with the
 * console's own user (role and tenant from the mapping rules) as its identity.
 */
final class ConsoleOidcUser extends DefaultOidcUser implements ConsolePrincipal, UserDetails {

    private final CurrentUser user;

    ConsoleOidcUser(CurrentUser user, OidcIdToken idToken, OidcUserInfo userInfo) {
        super(List.of(new SimpleGrantedAuthority(user.role().authority())), idToken, userInfo);
        this.user = user;
    }

    @Override
    public CurrentUser user() {
        return user;
    }

    @Override
    public String getName() {
        return user.username();
    }

    /** Also a {@link UserDetails}, so the layout shows who is signed in the same way for every sign-in. */
    @Override
    public String getUsername() {
        return user.username();
    }

    /** There is none: the provider checked the user. */
    @Override
    public String getPassword() {
        return null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConsoleOidcUser other && other.user.equals(user) && super.equals(o);
    }

    @Override
    public int hashCode() {
        return user.hashCode();
    }

    @Override
    public String toString() {
        return "ConsoleOidcUser[" + user.username() + ", " + user.role() + "]";
    }
}
