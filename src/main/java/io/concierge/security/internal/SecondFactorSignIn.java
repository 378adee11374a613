package io.concierge.security.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The step after the password: a code (or a recovery code), or enrolment for a user who must have a second
 * factor and has none. Wrong codes count towards the same sign-in pause as wrong passwords, through
 * {@link LoginAttempts}; success turns the pending sign-in into the user's session.
 */
@Component
public class SecondFactorSignIn {

    public enum Outcome { SIGNED_IN, WRONG_CODE, PAUSED, DEACTIVATED, NOT_PENDING }

    private final SecondFactors factors;
    private final ConsoleUserRepository users;
    private final AuthenticationEventPublisher authenticationEvents;
    private final SessionTracker sessions;
    private final LoginAttempts attempts;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    SecondFactorSignIn(SecondFactors factors, ConsoleUserRepository users,
                       AuthenticationEventPublisher authenticationEvents, SessionTracker sessions,
                       LoginAttempts attempts) {
        this.factors = factors;
        this.users = users;
        this.authenticationEvents = authenticationEvents;
        this.sessions = sessions;
        this.attempts = attempts;
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

    /**
     * Checks a code (or recovery code) of the pending user. A pause of that username and address (from wrong
     * passwords or wrong codes) holds before any code is looked at; a wrong code counts through
     * {@link LoginAttempts#recordFailure} like a wrong password.
     */
    public Outcome submit(String code, HttpServletRequest request, HttpServletResponse response) {
        var pending = pending();
        if (pending.isEmpty()) {
            return Outcome.NOT_PENDING;
        }
        var username = pending.get().username();
        var address = address(pending.get(), request);
        if (attempts.pausedUntil(username, address).isPresent()) {
            return Outcome.PAUSED;
        }
        if (!users.findByUsername(username).map(ConsoleUser::isActive).orElse(false)) {
            attempts.recordFailure(username, address, "account deactivated during the second-factor step");
            SecurityContextHolder.clearContext();
            contexts.saveContext(SecurityContextHolder.createEmptyContext(), request, response);
            return Outcome.DEACTIVATED;
        }
        if (!factors.verify(username, code)) {
            attempts.recordFailure(username, address, "wrong second-factor code");
            return attempts.pausedUntil(username, address).isPresent() ? Outcome.PAUSED : Outcome.WRONG_CODE;
        }
        complete(pending.get(), request, response);
        return Outcome.SIGNED_IN;
    }

    /** Until when the pending user's sign-in from this request's address is paused, if it is. */
    public Optional<Instant> pausedUntil(HttpServletRequest request) {
        return pending().flatMap(p -> attempts.pausedUntil(p.username(), address(p, request)));
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
        var details = ConsoleUserDetailsService.toDetails(user);
        var authentication = UsernamePasswordAuthenticationToken.authenticated(details, null, details.getAuthorities());
        authentication.setDetails(details(pending, request));
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        sessions.register(request.getSession().getId(), details);
        authenticationEvents.publishAuthenticationSuccess(authentication);
    }

    private static String address(Authentication pending, HttpServletRequest request) {
        return details(pending, request) instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
    }

    private static Object details(Authentication pending, HttpServletRequest request) {
        return pending.getDetails() != null ? pending.getDetails() : new WebAuthenticationDetails(request);
    }

    private static Optional<SecondFactorPending> pending() {
        return SecurityContextHolder.getContext().getAuthentication() instanceof SecondFactorPending p
                ? Optional.of(p) : Optional.empty();
    }
}
