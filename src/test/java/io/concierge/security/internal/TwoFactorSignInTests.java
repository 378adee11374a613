package io.concierge.security.internal;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import io.concierge.security.ConsoleUserSummary;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.textfield.TextField;
import io.concierge.security.ConsoleUserService;
import io.concierge.security.CurrentUser;
import io.concierge.security.Role;
import io.concierge.shared.ui.ConfirmAction;
import io.concierge.support.KaribuTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.context.SecurityContextHolder;

import java.time.Instant;
import java.util.stream.IntStream;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * TOTP as a user meets it: enrolment on their account page, then the code step after the password (in the
 * real views, with the real database), replay and wrong codes refused, recovery codes used once, wrong codes
 * pausing sign-in, secrets encrypted at rest, an operator's audited reset.
 */
class TwoFactorSignInTests extends KaribuTest {

    @Autowired
    ConsoleUserService users;

    @Autowired
    SecondFactors factors;

    @Autowired
    ConsoleUserRepository accounts;

    @Autowired
    ConsoleUserDetailsService details;

    @Autowired
    org.springframework.security.crypto.password.PasswordEncoder encoder;

    @Autowired
    LoginAttempts attempts;

    @Autowired
    TotpSecretCipher cipher;

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    @Autowired
    io.concierge.audit.AuditLog audit;

    @Test
    void a_user_enrols_from_their_account_page_and_gets_ten_recovery_codes() {
        var user = newAuditor();
        enrol(user);
        assertThat(factors.status(user.username()).enrolled()).isTrue();
        assertThat(factors.status(user.username()).recoveryCodesLeft()).isEqualTo(10);
    }

    @Test
    void a_wrong_code_at_enrolment_turns_nothing_on() {
        var user = newAuditor();
        login(user);
        navigate("account/two-factor");
        _click(_get(Button.class, s -> s.withText("Set up two-factor sign-in")));
        _setValue(_get(TextField.class, s -> s.withLabel("Code from your app")), "000000x");
        _click(_get(Button.class, s -> s.withText("Turn on")));
        assertThat(_get(TextField.class, s -> s.withLabel("Code from your app")).getErrorMessage())
                .contains("That code does not match");
        assertThat(factors.status(user.username()).enrolled()).isFalse();
    }

    @Test
    void after_the_password_a_valid_code_signs_in_and_the_same_code_never_works_again() {
        var user = newAuditor();
        var secret = enrol(user);
        var next = Totp.code(secret, Totp.step(Instant.now()) + 1);

        assertThat(codeStep(user, next)).as("signed in").isEqualTo(new CurrentUser(user.username(), Role.AUDITOR, null, null));
        assertThat(codeStep(user, next)).as("replayed").isNull();
        assertThat(_get(TextField.class, s -> s.withLabel("Code")).getErrorMessage())
                .isEqualTo("That code is not right, or it has been used already.");
        assertThat(codeStep(user, "000000".equals(next) ? "111111" : "000000")).as("wrong").isNull();
    }

    @Test
    void a_recovery_code_signs_in_once() {
        var user = newAuditor();
        enrol(user);
        var recovery = _find(UnorderedList.class).get(0).getChildren().map(c -> ((ListItem) c).getText()).toList();
        assertThat(recovery).hasSize(10);
        assertThat(codeStep(user, recovery.get(3))).isNotNull();
        assertThat(codeStep(user, recovery.get(3))).as("used already").isNull();
        assertThat(factors.status(user.username()).recoveryCodesLeft()).isEqualTo(9);
    }

    @Test
    void wrong_codes_count_like_wrong_passwords_and_pause_sign_in() {
        var user = newAuditor();
        var secret = enrol(user);
        for (int i = 0; i < 5; i++) {
            assertThat(codeStep(user, "00000" + i)).isNull();
        }
        assertThat(summary(user.username()).locked()).as("shown as paused").isTrue();
        assertThat(audit.page(new io.concierge.audit.AuditFilter(null, null, io.concierge.audit.AuditAction.LOGIN_FAILED,
                null, null, null, user.username()), null, 5)).extracting(io.concierge.audit.AuditEntry::detail)
                .anySatisfy(d -> assertThat(d).contains("wrong second-factor code"));
        assertThat(codeStep(user, Totp.code(secret, Totp.step(Instant.now()) + 1))).as("even the right code").isNull();
    }

    @Test
    void a_user_whose_role_requires_a_second_factor_enrols_right_after_the_password() {
        var user = newAuditor();
        // the console's password step, with auditors among the roles that must use a second factor
        var properties = new IdentityProperties(java.util.Map.of(), new IdentityProperties.LocalSignIn(true, java.util.List.of()),
                new IdentityProperties.TwoFactor(java.util.Set.of(Role.AUDITOR), "Concierge"), null, null);
        var passwordStep = new ConsoleAuthenticationProvider(details, accounts, encoder, attempts, properties);
        var attempt = org.springframework.security.authentication.UsernamePasswordAuthenticationToken
                .unauthenticated(user.username(), "tfa-own-password-1");
        var afterPassword = passwordStep.authenticate(attempt);
        assertThat(afterPassword).as("no role yet").isInstanceOfSatisfying(SecondFactorPending.class,
                p -> assertThat(p.enrolmentRequired()).isTrue());
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(afterPassword);
        SecurityContextHolder.setContext(context);
        navigate("login/code");
        assertThat(_get(H2.class, s -> s.withText("Set up two-factor sign-in"))).isNotNull();
        var secret = _get(Span.class, s -> s.withClasses("totp-secret")).getText().replace(" ", "");
        _setValue(_get(TextField.class, s -> s.withLabel("Code from your app")), Totp.code(secret, Totp.step(Instant.now())));
        _click(_get(Button.class, s -> s.withText("Turn on")));
        _click(_get(Button.class, s -> s.withText("I have saved my recovery codes")));
        assertThat(signedIn()).isEqualTo(new CurrentUser(user.username(), Role.AUDITOR, null, null));
    }

    @Test
    void an_operator_resets_a_second_factor_after_confirming() {
        var user = newAuditor();
        enrol(user);
        login(OPERATOR);
        navigate("users");
        @SuppressWarnings("unchecked")
        Grid<ConsoleUserSummary> grid = _get(Grid.class);
        var row = IntStream.range(0, GridKt._size(grid))
                .filter(i -> GridKt._get(grid, i).username().equals(user.username())).findFirst().orElseThrow();
        _click(_get(GridKt._getCellComponent(grid, row, "actions"), Button.class,
                s -> s.withText("Reset second factor")));
        var confirm = _get(ConfirmAction.class);
        assertThat(confirm.getHeaderTitle()).isEqualTo("Reset the second factor of " + user.username() + "?");
        _click(_get(confirm, Button.class, s -> s.withText("Reset second factor")));
        assertThat(factors.status(user.username()).enrolled()).isFalse();
        assertThat(factors.status(user.username()).recoveryCodesLeft()).isZero();
        assertThat(audit.page(new io.concierge.audit.AuditFilter(null, null,
                io.concierge.audit.AuditAction.SECOND_FACTOR_RESET, null, null, null, user.username()), null, 5))
                .as("audited, with who did it").singleElement()
                .satisfies(e -> assertThat(e.actor()).isEqualTo(OPERATOR.username()));
    }

    @Test
    void the_secret_is_stored_encrypted_and_a_plaintext_one_from_before_is_sealed_at_its_next_use() {
        var user = newAuditor();
        var secret = enrol(user);
        var stored = storedSecret(user);
        assertThat(stored).startsWith("v1:test-1:").doesNotContain(secret);

        // a secret saved before encryption existed
        jdbc.update("UPDATE concierge.console_user SET totp_secret = ? WHERE username = ?", secret, user.username());
        assertThat(codeStep(user, Totp.code(secret, Totp.step(Instant.now()) + 1))).as("still works").isNotNull();
        assertThat(storedSecret(user)).startsWith("v1:test-1:").doesNotContain(secret);
    }

    @Test
    void a_sealed_secret_copied_into_another_users_row_does_not_open() {
        var victim = newAuditor();
        enrol(victim);
        var attacker = newAuditor();
        jdbc.update("UPDATE concierge.console_user SET totp_secret = ?, totp_enrolled_at = now() WHERE username = ?",
                storedSecret(victim), attacker.username());
        var id = accounts.findByUsername(attacker.username()).orElseThrow().getId();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> cipher.open(id, storedSecret(attacker)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("does not open");
        factors.reset(attacker.username(), OPERATOR.username()); // leaves no unopenable secret in the database
    }

    private String storedSecret(CurrentUser user) {
        return jdbc.queryForObject("SELECT totp_secret FROM concierge.console_user WHERE username = ?", String.class,
                user.username());
    }

    private CurrentUser newAuditor() {
        login(OPERATOR);
        var username = "tfa" + uniqueSlug("x").substring(2, 12).replace("_", "");
        // a password of their own: a generated one is temporary and would send them to choose one first
        users.createWithPassword(username, "tfa-own-password-1", Role.AUDITOR, null, null);
        return new CurrentUser(username, Role.AUDITOR, null, null);
    }

    /** Sets TOTP up through the account page; returns the secret the QR code carries. */
    private String enrol(CurrentUser user) {
        login(user);
        navigate("account/two-factor");
        _click(_get(Button.class, s -> s.withText("Set up two-factor sign-in")));
        var secret = _get(Span.class, s -> s.withClasses("totp-secret")).getText().replace(" ", "");
        _setValue(_get(TextField.class, s -> s.withLabel("Code from your app")), Totp.code(secret, Totp.step(Instant.now())));
        _click(_get(Button.class, s -> s.withText("Turn on")));
        assertThat(_find(UnorderedList.class)).hasSize(1);
        return secret;
    }

    /** The password was right: types the code at the code step; returns who is signed in after, or null. */
    private CurrentUser codeStep(CurrentUser user, String code) {
        pending(user, false);
        navigate("login/code");
        _setValue(_get(TextField.class, s -> s.withLabel("Code")), code);
        _click(_get(Button.class, s -> s.withText("Verify")));
        return signedIn();
    }

    private static void pending(CurrentUser user, boolean enrolmentRequired) {
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new SecondFactorPending(user.username(), enrolmentRequired, null));
        SecurityContextHolder.setContext(context);
    }

    private static CurrentUser signedIn() {
        return SecurityContextHolder.getContext().getAuthentication().getPrincipal() instanceof ConsolePrincipal p
                ? p.user() : null;
    }

    private ConsoleUserSummary summary(String username) {
        login(OPERATOR);
        return users.list().stream().filter(u -> u.username().equals(username)).findFirst().orElseThrow();
    }

}
