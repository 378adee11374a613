package io.concierge.security.internal;

import io.concierge.security.CurrentUser;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

import java.util.Collection;
import java.util.List;

/** The principal of a signed-in console user. */
public final class ConsoleUserDetails implements UserDetails, ConsolePrincipal {

    private final CurrentUser user;
    private final String passwordHash;
    private final boolean enabled;

    /** Accounts are never locked: failed sign-ins pause a username and address, see {@link LoginAttempts}. */
    public ConsoleUserDetails(CurrentUser user, String passwordHash, boolean enabled) {
        this.user = user;
        this.passwordHash = passwordHash;
        this.enabled = enabled;
    }

    @Override
    public CurrentUser user() {
        return user;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority(user.role().authority()));
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return user.username();
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public String toString() {
        return "ConsoleUserDetails[" + user.username() + ", " + user.role() + "]";
    }
}
