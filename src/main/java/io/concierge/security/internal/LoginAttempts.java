package io.concierge.security.internal;

import io.concierge.security.LoginEvents.LoginFailed;
import io.concierge.security.LoginEvents.LoginSucceeded;
import io.concierge.security.LoginEvents.SignInPaused;
import io.concierge.security.internal.SecurityProperties.Lockout;
import io.concierge.shared.ConsoleSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The one place that counts failed sign-ins and decides when sign-in pauses; every way of signing in (password,
 * and later a second factor) reports its failures through {@link #recordFailure}.
 *
 * <p>Failures are counted in PostgreSQL (shared by every console instance, kept across restarts) over windows of
 * the lockout duration, at three levels: one username as typed from one client address, one address for any
 * username, and every address together (the row {@code '*'}). Reaching a level's limit pauses that level for
 * the duration; the overall pause holds back only addresses that failed in their current window. A pause is
 * the same for a username that exists and one that does not, and no account is locked for everyone: an
 * outsider who types a victim's name pauses only their own address.
 */
@Component
public class LoginAttempts {

    private static final Logger log = LoggerFactory.getLogger(LoginAttempts.class);
    /** Usernames are at most 40 characters; anything longer is cut before it is counted or recorded. */
    public static final int MAX_USERNAME = 64;
    private static final int MAX_ADDRESS = 64;
    /** The overall counter's key in the per-address table: no client address looks like it. */
    private static final String EVERYWHERE = "*";
    private static final String UNKNOWN_ADDRESS = "unknown";

    private final JdbcTemplate jdbc;
    private final String failures;
    private final String addresses;
    private final ConsoleUserRepository users;
    private final ApplicationEventPublisher events;
    private final Lockout lockout;
    private final Clock clock;

    LoginAttempts(JdbcTemplate jdbc, ConsoleSchema schema, ConsoleUserRepository users,
                  ApplicationEventPublisher events, SecurityProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.failures = schema.qualify("sign_in_failure");
        this.addresses = schema.qualify("sign_in_address");
        this.users = users;
        this.events = events;
        this.lockout = properties.lockout();
        this.clock = clock;
    }

    /** The username as it is counted and recorded: cut to {@link #MAX_USERNAME} characters. */
    public static String typed(String username) {
        var s = username == null ? "" : username;
        return s.length() <= MAX_USERNAME ? s : s.substring(0, MAX_USERNAME);
    }

    /** Until when sign-in for this username from this address is paused, if it is. */
    @Transactional(readOnly = true)
    public Optional<Instant> pausedUntil(String username, String clientAddress) {
        var now = clock.instant();
        var address = address(clientAddress);
        var until = jdbc.query("SELECT paused_until FROM " + failures
                        + " WHERE username = ? AND client_address = ? AND paused_until > ?"
                        + " UNION ALL SELECT paused_until FROM " + addresses
                        + " WHERE client_address = ? AND paused_until > ?"
                        + " UNION ALL SELECT o.paused_until FROM " + addresses + " o JOIN " + addresses + " a"
                        + " ON a.client_address = ? AND a.window_started_at > ? AND a.failures > 0"
                        + " WHERE o.client_address = ? AND o.paused_until > ?",
                (rs, row) -> rs.getTimestamp(1).toInstant(),
                typed(username), address, ts(now), address, ts(now), address, ts(now.minus(lockout.duration())),
                EVERYWHERE, ts(now));
        return until.stream().max(Instant::compareTo);
    }

    /**
     * Counts one failed sign-in of {@code username} (as typed) from {@code clientAddress}, pauses whatever level
     * reached its limit, and reports the failure (and any pause) for the audit history.
     */
    @Transactional
    public void recordFailure(String username, String clientAddress, String reason) {
        var now = clock.instant();
        var name = typed(username);
        var address = address(clientAddress);
        var windowStart = now.minus(lockout.duration());
        for (var table : new String[] {failures, addresses}) {
            jdbc.update("DELETE FROM " + table + " WHERE window_started_at < ? AND coalesce(paused_until, ?) <= ?",
                    ts(windowStart), ts(now), ts(now));
        }
        var count = count(failures, "username, client_address", "?, ?", now, windowStart, name, address);
        events.publishEvent(new LoginFailed(name, reason, address, count));
        if (pause(failures, "username = ? AND client_address = ?", lockout.maxFailures(), now, name, address)) {
            events.publishEvent(new SignInPaused(name, address, now.plus(lockout.duration()), count));
        }
        var fromAddress = count(addresses, "client_address", "?", now, windowStart, address);
        if (pause(addresses, "client_address = ?", lockout.maxFailuresPerAddress(), now, address)) {
            events.publishEvent(new SignInPaused(null, address, now.plus(lockout.duration()), fromAddress));
        }
        count(addresses, "client_address", "?", now, windowStart, EVERYWHERE);
        if (pause(addresses, "client_address = ?", lockout.maxFailuresOverall(), now, EVERYWHERE)) {
            log.warn("{} failed sign-ins from all addresses within {}: sign-in is paused for every address that "
                    + "failed recently", lockout.maxFailuresOverall(), lockout.duration());
        }
    }

    /** A successful sign-in clears that username's failures from that address. */
    @EventListener
    @Transactional
    public void succeeded(AuthenticationSuccessEvent event) {
        if (!(event.getAuthentication().getPrincipal() instanceof ConsoleUserDetails details)
                || event.getAuthentication().getDetails() == null) {
            return; // programmatic (system or test) authentications are not sign-ins
        }
        var address = address(event.getAuthentication());
        users.findByUsername(details.getUsername()).ifPresent(u -> u.recordSuccess(clock.instant()));
        jdbc.update("DELETE FROM " + failures + " WHERE username = ? AND client_address = ?",
                typed(details.getUsername()), address(address));
        events.publishEvent(new LoginSucceeded(details.getUsername(), details.user().role(), address));
    }

    /** Lifts every pause of this username (from any address): an operator reset its password. */
    @Transactional
    public void forgive(String username) {
        jdbc.update("DELETE FROM " + failures + " WHERE username = ?", typed(username));
    }

    /** The usernames paused from at least one address right now. */
    @Transactional(readOnly = true)
    public Set<String> pausedUsernames() {
        return new HashSet<>(jdbc.queryForList("SELECT DISTINCT username FROM " + failures + " WHERE paused_until > ?",
                String.class, ts(clock.instant())));
    }

    /** Adds one failure to a counter (a new window when the last one ended) and returns the window's count. */
    private int count(String table, String keys, String marks, Instant now, Instant windowStart, Object... key) {
        var args = new Object[key.length + 4];
        System.arraycopy(key, 0, args, 0, key.length);
        args[key.length] = ts(now);
        args[key.length + 1] = ts(windowStart);
        args[key.length + 2] = ts(windowStart);
        args[key.length + 3] = ts(now);
        return jdbc.queryForObject("INSERT INTO " + table + " AS f (" + keys + ", failures, window_started_at)"
                + " VALUES (" + marks + ", 1, ?) ON CONFLICT (" + keys + ") DO UPDATE SET"
                + " failures = CASE WHEN f.window_started_at <= ? THEN 1 ELSE f.failures + 1 END,"
                + " window_started_at = CASE WHEN f.window_started_at <= ? THEN ? ELSE f.window_started_at END"
                + " RETURNING failures", Integer.class, args);
    }

    /** Pauses a counter that reached {@code max} and starts its next window; true when this call paused it. */
    private boolean pause(String table, String where, int max, Instant now, Object... key) {
        var args = new Object[key.length + 4];
        args[0] = ts(now.plus(lockout.duration()));
        args[1] = ts(now);
        System.arraycopy(key, 0, args, 2, key.length);
        args[key.length + 2] = max;
        args[key.length + 3] = ts(now);
        return jdbc.update("UPDATE " + table + " SET paused_until = ?, failures = 0, window_started_at = ?"
                + " WHERE " + where + " AND failures >= ? AND coalesce(paused_until, '-infinity') <= ?", args) > 0;
    }

    static String address(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
    }

    private static String address(String clientAddress) {
        if (clientAddress == null || clientAddress.isBlank()) {
            return UNKNOWN_ADDRESS;
        }
        return clientAddress.length() <= MAX_ADDRESS ? clientAddress : clientAddress.substring(0, MAX_ADDRESS);
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }
}
