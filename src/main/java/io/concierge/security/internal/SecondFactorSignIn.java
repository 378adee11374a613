package io.concierge.security.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The step after the password: a code (or a recovery code), or enrolment for a user who must have a second
 * factor and has none. Failures count towards the same lockout as wrong passwords, through the same
 * authentication events; success turns the pending sign-in into the user's session.
 */
@Component
public class SecondFactorSignIn {

    public enum Outcome { SIGNED_IN, WRONG_CODE, LOCKED, NOT_PENDING }

    private final SecondFactors factors;
    private final ConsoleUserRepository users;
    private final AuthenticationEventPublisher authenticationEvents;
    private final SessionTracker sessions;
    private final Clock clock;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    SecondFactorSignIn(SecondFactors factors, ConsoleUserRepository users,
                       AuthenticationEventPublisher authenticationEvents, SessionTracker sessions, Clock clock) {
        this.factors = factors;
        this.users = users;
        this.authenticationEvents = authenticationEvents;
        this.sessions = sessions;
        this.clock = clock;
    }

    /** The user whose password was right and whose second factor is still to come, if that is this session. */
    public Optional<String> pendingUser() {
        return pending().map(SecondFactorPending::username);
    }

    /** Whether this session's password step is done and its second factor is still to come. */
    public static boolean inProgress() {
        return pending().isPresent();
    }

    public boolean enrolmentRequired() {
        return pending().map(SecondFactorPending::enrolmentRequired).orElse(false);
    }

    public Outcome submit(String code, HttpServletRequest request, HttpServletResponse response) {
        var pending = pending();
        if (pending.isEmpty()) {
            return Outcome.NOT_PENDING;
        }
        var username = pending.get().username();
        var attempt = UsernamePasswordAuthenticationToken.unauthenticated(username, null);
        attempt.setDetails(details(pending.get(), request));
        if (users.findByUsername(username).map(u -> u.isLocked(clock.instant()) || !u.isActive()).orElse(true)) {
            authenticationEvents.publishAuthenticationFailure(new LockedException("account locked"), attempt);
            return Outcome.LOCKED;
        }
        if (!factors.verify(username, code)) {
            authenticationEvents.publishAuthenticationFailure(new BadCredentialsException("wrong second-factor code"), attempt);
            return users.findByUsername(username).map(u -> u.isLocked(clock.instant())).orElse(false)
                    ? Outcome.LOCKED : Outcome.WRONG_CODE;
        }
        complete(pending.get(), request, response);
        return Outcome.SIGNED_IN;
    }

    /** A new secret for the pending user who must enrol. */
    public SecondFactors.Enrolment startEnrolment() {
        var username = pending().filter(SecondFactorPending::enrolmentRequired).map(SecondFactorPending::username)
                .orElseThrow(() -> new IllegalStateException("no enrolment is pending in this session"));
        return factors.start(username);
    }

    /** Enrolment during sign-in: the code proves the app has the secret; returns the recovery codes. */
    public List<String> enrol(String secret, String code) {
        var username = pending().filter(SecondFactorPending::enrolmentRequired).map(SecondFactorPending::username)
                .orElseThrow(() -> new IllegalStateException("no enrolment is pending in this session"));
        return factors.confirm(username, secret, code, username);
    }

    /** After enrolment (the user has written down their recovery codes): the session becomes theirs. */
    public void finishEnrolment(HttpServletRequest request, HttpServletResponse response) {
        var pending = pending().filter(SecondFactorPending::enrolmentRequired)
                .orElseThrow(() -> new IllegalStateException("no enrolment is pending in this session"));
        if (!factors.status(pending.username()).enrolled()) {
            throw new IllegalStateException("the second factor is not set up yet");
        }
        complete(pending, request, response);
    }

    private void complete(SecondFactorPending pending, HttpServletRequest request, HttpServletResponse response) {
        var user = users.findByUsername(pending.username()).orElseThrow();
        var details = ConsoleUserDetailsService.toDetails(user, clock);
        var authentication = UsernamePasswordAuthenticationToken.authenticated(details, null, details.getAuthorities());
        authentication.setDetails(details(pending, request));
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        sessions.register(request.getSession().getId(), details);
        authenticationEvents.publishAuthenticationSuccess(authentication);
    }

    private static Object details(Authentication pending, HttpServletRequest request) {
        return pending.getDetails() != null ? pending.getDetails() : new WebAuthenticationDetails(request);
    }

    private static Optional<SecondFactorPending> pending() {
        return SecurityContextHolder.getContext().getAuthentication() instanceof SecondFactorPending p
                ? Optional.of(p) : Optional.empty();
    }
}
