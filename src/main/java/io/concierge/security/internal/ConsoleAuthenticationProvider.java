package io.concierge.security.internal;

import io.concierge.security.PasswordSignInOffException;
import io.concierge.security.SignInPausedException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

import java.util.UUID;

/**
 * Username and password sign-in, the console's only one, that answers alike for every kind of refusal: the
 * password is checked with one BCrypt verification on every path (against a throw-away hash when the username
 * does not exist), and only then does a pause, password sign-in being switched off, an unknown name, a wrong
 * password, an account managed by single sign-on (it has no password) or a deactivated account decide the
 * answer. So a paused or unknown username takes as long as a wrong password, a pause reads the same for names
 * that do not exist, and a managed account reads like a wrong password. Every refusal counts through
 * {@link LoginAttempts#recordFailure}. A right password for a user with (or required to have) a second factor
 * gives a {@link SecondFactorPending} rather than a session with a role.
 */
@Component
class ConsoleAuthenticationProvider implements AuthenticationProvider {

    private final ConsoleUserDetailsService users;
    private final ConsoleUserRepository accounts;
    private final PasswordEncoder encoder;
    private final LoginAttempts attempts;
    private final IdentityProperties properties;
    /** A hash of a random password, encoded like every stored one, so checking against it costs the same. */
    private final String unknownUserHash;

    ConsoleAuthenticationProvider(ConsoleUserDetailsService users, ConsoleUserRepository accounts,
                                  PasswordEncoder encoder, LoginAttempts attempts, IdentityProperties properties) {
        this.users = users;
        this.accounts = accounts;
        this.encoder = encoder;
        this.attempts = attempts;
        this.properties = properties;
        this.unknownUserHash = encoder.encode(UUID.randomUUID().toString());
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        var username = LoginAttempts.typed(String.valueOf(authentication.getPrincipal()));
        var password = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
        var address = LoginAttempts.address(authentication);
        var paused = attempts.pausedUntil(username, address);
        var user = users.find(username).orElse(null);
        var account = accounts.findByUsername(username).orElse(null);
        var managed = account != null && account.isManaged();
        var matches = encoder.matches(password, user == null || managed ? unknownUserHash : user.getPassword());
        if (paused.isPresent()) {
            throw new SignInPausedException(paused.get());
        }
        var local = properties.localSignIn();
        if (!local.enabled() && !local.breakGlassAccounts().contains(username)) {
            attempts.recordFailure(username, address, "password sign-in is switched off for this account");
            throw new PasswordSignInOffException();
        }
        if (managed) {
            attempts.recordFailure(username, address,
                    "managed by single sign-on (" + account.getManagedBy() + "); it has no password");
            throw new BadCredentialsException("Bad credentials");
        }
        if (user == null || !matches) {
            attempts.recordFailure(username, address, user == null ? "unknown username" : "bad credentials");
            throw new BadCredentialsException("Bad credentials");
        }
        if (!user.isEnabled()) {
            attempts.recordFailure(username, address, "account deactivated");
            throw new DisabledException("Account deactivated");
        }
        if (account.hasTotp() || properties.twoFactor().requiredRoles().contains(account.getRole())) {
            return new SecondFactorPending(username, !account.hasTotp(),
                    authentication.getDetails() instanceof WebAuthenticationDetails web ? web : null);
        }
        var result = UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities());
        result.setDetails(authentication.getDetails());
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
