package io.concierge.security.internal;

import io.concierge.security.LoginEvents.LoginFailed;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

import java.time.Clock;

/**
 * Password sign-in for local accounts. On top of the password check: a user managed by single sign-on has no
 * password; with local sign-in switched off only the break-glass accounts get in; and a user with (or
 * required to have) a second factor gets a {@link SecondFactorPending} rather than a session with a role.
 */
@Component
class LocalAuthenticationProvider extends DaoAuthenticationProvider {

    private final ConsoleUserRepository users;
    private final IdentityProperties properties;
    private final ApplicationEventPublisher events;

    LocalAuthenticationProvider(ConsoleUserRepository users, PasswordEncoder encoder, Clock clock,
                                IdentityProperties properties, ApplicationEventPublisher events) {
        super(encoder);
        setUserDetailsService(new ConsoleUserDetailsService(users, clock));
        this.users = users;
        this.properties = properties;
        this.events = events;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        var username = String.valueOf(authentication.getPrincipal());
        var local = properties.localSignIn();
        if (!local.enabled() && !local.breakGlassAccounts().contains(username)) {
            refuse(authentication, "password sign-in is switched off for this account",
                    new LocalSignInOff("Password sign-in is switched off; sign in with your identity provider."));
        }
        return super.authenticate(authentication);
    }

    @Override
    protected void additionalAuthenticationChecks(UserDetails details, UsernamePasswordAuthenticationToken token) {
        var managed = users.findByUsername(details.getUsername()).filter(ConsoleUser::isManaged);
        if (managed.isPresent()) {
            refuse(token, "managed by single sign-on (" + managed.get().getManagedBy() + "); it has no password",
                    new ManagedAccount("This account signs in through its identity provider."));
        }
        super.additionalAuthenticationChecks(details, token);
    }

    @Override
    protected Authentication createSuccessAuthentication(Object principal, Authentication authentication,
                                                         UserDetails details) {
        var user = users.findByUsername(details.getUsername()).orElseThrow();
        var required = properties.twoFactor().requiredRoles().contains(user.getRole());
        if (user.hasTotp() || required) {
            return new SecondFactorPending(user.getUsername(), !user.hasTotp(),
                    authentication.getDetails() instanceof WebAuthenticationDetails web ? web : null);
        }
        return super.createSuccessAuthentication(principal, authentication, details);
    }

    private void refuse(Authentication attempt, String reason, RuntimeException refusal) {
        events.publishEvent(new LoginFailed(String.valueOf(attempt.getPrincipal()), reason,
                attempt.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null));
        throw refusal;
    }

    /** Not one of Spring Security's mapped failures: its audit entry is written here, with the real reason. */
    static final class LocalSignInOff extends DisabledException {
        LocalSignInOff(String message) {
            super(message);
        }
    }

    static final class ManagedAccount extends BadCredentialsException {
        ManagedAccount(String message) {
            super(message);
        }
    }
}
