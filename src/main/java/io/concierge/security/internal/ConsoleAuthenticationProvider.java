package io.concierge.security.internal;

import io.concierge.security.SignInPausedException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import java.util.UUID;

/**
 * Username and password sign-in that answers alike for every kind of refusal: the password is checked with one
 * BCrypt verification on every path (against a throw-away hash when the username does not exist), and only
 * then does a pause, an unknown name, a wrong password or a deactivated account decide the answer. So a paused
 * or unknown username takes as long as a wrong password, and a pause reads the same for names that do not exist.
 */
@Component
class ConsoleAuthenticationProvider implements AuthenticationProvider {

    private final ConsoleUserDetailsService users;
    private final PasswordEncoder encoder;
    private final LoginAttempts attempts;
    /** A hash of a random password, encoded like every stored one, so checking against it costs the same. */
    private final String unknownUserHash;

    ConsoleAuthenticationProvider(ConsoleUserDetailsService users, PasswordEncoder encoder, LoginAttempts attempts) {
        this.users = users;
        this.encoder = encoder;
        this.attempts = attempts;
        this.unknownUserHash = encoder.encode(UUID.randomUUID().toString());
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        var username = LoginAttempts.typed(String.valueOf(authentication.getPrincipal()));
        var password = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
        var address = LoginAttempts.address(authentication);
        var paused = attempts.pausedUntil(username, address);
        var user = users.find(username).orElse(null);
        var matches = encoder.matches(password, user == null ? unknownUserHash : user.getPassword());
        if (paused.isPresent()) {
            throw new SignInPausedException(paused.get());
        }
        if (user == null || !matches) {
            attempts.recordFailure(username, address, user == null ? "unknown username" : "bad credentials");
            throw new BadCredentialsException("Bad credentials");
        }
        if (!user.isEnabled()) {
            attempts.recordFailure(username, address, "account deactivated");
            throw new DisabledException("Account deactivated");
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
