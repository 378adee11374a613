package io.concierge.security.internal;

import io.concierge.security.LoginEvents.AccountLocked;
import io.concierge.security.LoginEvents.LoginFailed;
import io.concierge.security.LoginEvents.LoginSucceeded;
import io.concierge.security.internal.SecurityProperties.Lockout;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationFailureDisabledEvent;
import org.springframework.security.authentication.event.AuthenticationFailureLockedEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;

/** Counts failed sign-ins, locks an account after too many, and reports every outcome for the audit history. */
@Component
class LoginAttempts {

    private final ConsoleUserRepository users;
    private final ApplicationEventPublisher events;
    private final Lockout lockout;
    private final Clock clock;

    LoginAttempts(ConsoleUserRepository users, ApplicationEventPublisher events, SecurityProperties properties,
                  Clock clock) {
        this.users = users;
        this.events = events;
        this.lockout = properties.lockout();
        this.clock = clock;
    }

    @EventListener
    @Transactional
    public void succeeded(AuthenticationSuccessEvent event) {
        if (!(event.getAuthentication().getPrincipal() instanceof ConsoleUserDetails details)
                || event.getAuthentication().getDetails() == null) {
            return; // programmatic (system or test) authentications are not sign-ins
        }
        users.findByUsername(details.getUsername()).ifPresent(u -> u.recordSuccess(clock.instant()));
        events.publishEvent(new LoginSucceeded(details.getUsername(), details.user().role(),
                address(event.getAuthentication())));
    }

    @EventListener
    @Transactional
    public void failed(AbstractAuthenticationFailureEvent event) {
        var username = String.valueOf(event.getAuthentication().getPrincipal());
        var address = address(event.getAuthentication());
        String reason;
        if (event instanceof AuthenticationFailureBadCredentialsEvent) {
            reason = "bad credentials";
        } else if (event instanceof AuthenticationFailureLockedEvent) {
            reason = "account locked";
        } else if (event instanceof AuthenticationFailureDisabledEvent) {
            reason = "account deactivated";
        } else {
            reason = event.getException().getClass().getSimpleName();
        }
        events.publishEvent(new LoginFailed(username, reason, address));
        if (event instanceof AuthenticationFailureBadCredentialsEvent) {
            users.findByUsername(username).ifPresent(u -> {
                if (u.recordFailure(lockout.maxFailures(), lockout.duration(), clock.instant())) {
                    events.publishEvent(new AccountLocked(username, u.getLockedUntil(), address));
                }
            });
        }
    }

    private static String address(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
    }
}
