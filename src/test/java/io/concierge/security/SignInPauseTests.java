package io.concierge.security;

import io.concierge.audit.AuditAction;
import io.concierge.audit.AuditEntry;
import io.concierge.audit.AuditFilter;
import io.concierge.audit.AuditLog;
import io.concierge.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.authentication.configuration.AuthenticationConfiguration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Pauses after failed sign-ins, through the console's authentication manager with chosen client addresses:
 * an outsider cannot lock a user out, the limits per address hold, and the audit history gets a bounded record.
 */
class SignInPauseTests extends IntegrationTest {

    @Autowired
    ConsoleUserService users;
    @Autowired
    AuthenticationConfiguration authentication;
    @Autowired
    AuditLog log;

    @Test
    void an_outsider_who_types_a_victims_name_pauses_only_their_own_address() throws Exception {
        var victim = newUser();
        var outsider = randomAddress();
        for (int i = 0; i < 5; i++) {
            refusedWithBadCredentials(victim, "guess-" + i, outsider);
        }
        assertThatThrownBy(() -> manager().authenticate(attempt(victim, "right-password", outsider)))
                .as("the outsider's address is paused, even with the right password")
                .isInstanceOfSatisfying(SignInPausedException.class, e -> assertThat(e.until())
                        .isBetween(Instant.now().plus(Duration.ofMinutes(14)), Instant.now().plus(Duration.ofMinutes(16))));

        Authentication signedIn = manager().authenticate(attempt(victim, "right-password", randomAddress()));
        assertThat(signedIn.isAuthenticated()).as("the victim, from their own address").isTrue();
    }

    @Test
    void twenty_failures_from_one_address_pause_it_for_every_username() throws Exception {
        var user = newUser();
        var address = randomAddress();
        for (int i = 0; i < 20; i++) {
            refusedWithBadCredentials("nobody-" + i + "-" + uniqueSlug("n"), "guess", address);
        }
        assertThatThrownBy(() -> manager().authenticate(attempt(user, "right-password", address)))
                .isInstanceOf(SignInPausedException.class);
        assertThat(manager().authenticate(attempt(user, "right-password", randomAddress())).isAuthenticated()).isTrue();
    }

    @Test
    void a_username_that_does_not_exist_is_paused_exactly_like_one_that_does() throws Exception {
        var real = newUser();
        var ghost = "ghost" + uniqueSlug("g").substring(2);
        var address = randomAddress();
        for (var name : new String[] {real, ghost}) {
            for (int i = 0; i < 5; i++) {
                refusedWithBadCredentials(name, "guess-" + i, address);
            }
        }
        var realPause = paused(real, "right-password", address);
        var ghostPause = paused(ghost, "right-password", address);
        assertThat(ghostPause.getMessage().replace(ghostPause.until().toString(), "T"))
                .isEqualTo(realPause.getMessage().replace(realPause.until().toString(), "T"));
        assertThat(Duration.between(realPause.until(), ghostPause.until())).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void failed_sign_ins_reach_the_audit_history_once_per_name_and_address_and_window_cut_and_unverified()
            throws Exception {
        var typed = "intruder" + uniqueSlug("i") + "x".repeat(300);
        var address = randomAddress();
        for (int i = 0; i < 5; i++) {
            refusedWithBadCredentials(typed, "guess-" + i, address);
        }
        for (int i = 0; i < 3; i++) {
            paused(typed, "guess", address);
        }
        signIn(AUDITOR);
        var recorded = typed.substring(0, 64);
        var entries = log.page(new AuditFilter(null, null, null, null, null, null, recorded), null, 20);
        assertThat(entries).extracting(AuditEntry::action)
                .containsExactly(AuditAction.SIGN_IN_PAUSED, AuditAction.LOGIN_FAILED);
        assertThat(entries).allSatisfy(e -> {
            assertThat(e.actor()).as("nobody was verified").isEqualTo("anonymous");
            assertThat(e.target()).hasSize(64);
            assertThat(e.clientAddress()).isEqualTo(address);
            assertThat(e.detail()).contains("unverified");
        });
        assertThat(entries.get(0).detail()).startsWith("5 failed sign-ins of this unverified username");
    }

    private SignInPausedException paused(String username, String password, String address) {
        try {
            manager().authenticate(attempt(username, password, address));
        } catch (SignInPausedException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError("expected a pause for " + username + ", got " + e, e);
        }
        throw new AssertionError("expected a pause for " + username + ", but it signed in");
    }

    private void refusedWithBadCredentials(String username, String password, String address) {
        assertThatThrownBy(() -> manager().authenticate(attempt(username, password, address)))
                .isExactlyInstanceOf(BadCredentialsException.class);
    }

    private AuthenticationManager manager() throws Exception {
        return authentication.getAuthenticationManager();
    }

    private String newUser() {
        var username = "pause" + uniqueSlug("p").substring(2).replace("_", "");
        signIn(OPERATOR);
        users.createWithPassword(username, "right-password", Role.AUDITOR, null, null);
        SecurityContextHolder.clearContext();
        return username;
    }

    /** A private address that no other test (or run against the same database) is likely to use. */
    private static String randomAddress() {
        var r = ThreadLocalRandom.current();
        return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(1, 255);
    }

    static UsernamePasswordAuthenticationToken attempt(String username, String password, String address) {
        var request = new MockHttpServletRequest();
        request.setRemoteAddr(address);
        var token = UsernamePasswordAuthenticationToken.unauthenticated(username, password);
        token.setDetails(new WebAuthenticationDetails(request));
        return token;
    }
}
