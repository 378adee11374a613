package io.concierge.security.internal;

import io.concierge.security.ConsoleUserChanged;
import io.concierge.security.CurrentUser;
import io.concierge.security.IdentityEvents.ManagedRoleChanged;
import io.concierge.security.MappingOutcome;
import io.concierge.shared.TenantId;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.Locale;

/**
 * Users created by single sign-on. Their role and tenant follow the mapping at every sign-in (never a hand
 * edit that a later sign-in would silently undo); a deactivated one stays out whatever the provider says.
 */
@Component
class ManagedUsers {

    /** A refusal the login page explains; {@code code} is what it is told. */
    static final class Refused extends RuntimeException {
        final String code;

        Refused(String code, String message) {
            super(message);
            this.code = code;
        }
    }

    private final ConsoleUserRepository users;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ManagedUsers(ConsoleUserRepository users, ApplicationEventPublisher events, Clock clock) {
        this.users = users;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public ConsoleUser signIn(String provider, String subject, String preferredName, MappingOutcome outcome) {
        var tenantId = outcome.tenant() == null ? null : outcome.tenant().value();
        var existing = users.findByManagedByAndExternalSubject(provider, subject);
        ConsoleUser user;
        if (existing.isPresent()) {
            user = existing.get();
            if (!user.isActive()) {
                throw new Refused("deactivated", "console account '" + user.getUsername() + "' is deactivated");
            }
            var beforeRole = user.getRole();
            var beforeTenant = user.getTenantId();
            if (user.followMapping(outcome.role(), tenantId, outcome.tenantSlug())) {
                events.publishEvent(new ManagedRoleChanged(provider, user.getUsername(), beforeRole,
                        beforeTenant == null ? null : new TenantId(beforeTenant), outcome.role(), outcome.tenant()));
            }
        } else {
            var username = username(preferredName, subject);
            // the console's own name in the audit log is taken by the console, never by an account
            if (users.existsByUsername(username) || CurrentUser.isSystem(username)) {
                throw new Refused("name-taken", "a console account named '" + username
                        + "' already exists and is not linked to provider '" + provider + "'");
            }
            user = users.save(ConsoleUser.managed(username, provider, subject, outcome.role(), tenantId,
                    outcome.tenantSlug()));
            events.publishEvent(new ConsoleUserChanged("sso:" + provider, username, outcome.role(), outcome.tenant(),
                    ConsoleUserChanged.Change.CREATED));
        }
        user.recordSsoSignIn(clock.instant());
        return user;
    }

    /** The console's name for the account: the provider's preferred name, made to fit the console's rules. */
    static String username(String preferred, String subject) {
        var raw = (preferred == null || preferred.isBlank() ? subject : preferred).toLowerCase(Locale.ROOT)
                .replace('@', '.').replaceAll("[^a-z0-9._-]", "-");
        if (raw.isEmpty() || !Character.isLetter(raw.charAt(0))) {
            raw = "u" + raw;
        }
        if (raw.length() < 3) {
            raw = (raw + "---").substring(0, 3);
        }
        return raw.length() > 40 ? raw.substring(0, 40) : raw;
    }
}
