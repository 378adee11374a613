package io.concierge.security.internal;

import io.concierge.security.CurrentUser;
import io.concierge.shared.TenantId;
import io.concierge.shared.TenantSlug;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

import java.time.Clock;

/** Not a bean of its own: {@link LocalAuthenticationProvider} is the one password sign-in. */
class ConsoleUserDetailsService implements UserDetailsService {

    private final ConsoleUserRepository users;
    private final Clock clock;

    ConsoleUserDetailsService(ConsoleUserRepository users, Clock clock) {
        this.users = users;
        this.clock = clock;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        var user = users.findByUsername(username)
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
        return toDetails(user, clock);
    }

    static ConsoleUserDetails toDetails(ConsoleUser user, Clock clock) {
        var current = new CurrentUser(user.getUsername(), user.getRole(),
                user.getTenantId() == null ? null : new TenantId(user.getTenantId()),
                user.getTenantSlug() == null ? null : new TenantSlug(user.getTenantSlug()));
        return new ConsoleUserDetails(current, user.getPasswordHash(), user.isActive(),
                !user.isLocked(clock.instant()));
    }
}
