package io.concierge.security.internal;

import io.concierge.security.CurrentUser;
import io.concierge.shared.TenantId;
import io.concierge.shared.TenantSlug;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.Optional;

/**
 * Console users as Spring Security principals. Deliberately not a {@code UserDetailsService}: sign-in goes
 * through {@link ConsoleAuthenticationProvider} alone, never through a default provider beside it.
 */
@Service
class ConsoleUserDetailsService {

    private final ConsoleUserRepository users;

    ConsoleUserDetailsService(ConsoleUserRepository users) {
        this.users = users;
    }

    @Transactional(readOnly = true)
    public Optional<ConsoleUserDetails> find(String username) {
        return users.findByUsername(username).map(ConsoleUserDetailsService::toDetails);
    }

    static ConsoleUserDetails toDetails(ConsoleUser user) {
        var current = new CurrentUser(user.getUsername(), user.getRole(),
                user.getTenantId() == null ? null : new TenantId(user.getTenantId()),
                user.getTenantSlug() == null ? null : new TenantSlug(user.getTenantSlug()));
        return new ConsoleUserDetails(current, user.getPasswordHash(), user.isActive());
    }
}
