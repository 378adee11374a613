package io.concierge.security;

import io.concierge.audit.AuditAction;
import io.concierge.audit.AuditEntry;
import io.concierge.audit.AuditFilter;
import io.concierge.audit.AuditLog;
import io.concierge.shared.InvalidValueException;
import io.concierge.support.IntegrationTest;
import io.concierge.support.OidcBrowser;
import io.concierge.support.TestIdentityProvider;
import io.concierge.support.TestIdentityProvider.Signing;
import io.concierge.support.TestTenants;
import io.concierge.tenant.TenantService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;


import static io.concierge.support.TestIdentityProvider.PROVIDER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Single sign-on against a real OIDC provider (Spring Authorization Server on its own port): the authorization
 * code flow with PKCE through the console's real callback, the strict mapping, managed users, back-channel
 * logout, a disabled provider and tokens that must be refused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = TestIdentityProvider.class)
class SingleSignOnTests extends IntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    SingleSignOnService sso;

    @Autowired
    SessionService sessions;

    @Autowired
    ConsoleUserService users;

    @Autowired
    TenantService tenants;

    @Autowired
    TenantAccess access;

    @Autowired
    io.concierge.security.internal.LoginAttempts attempts;

    @Autowired
    AuditLog audit;

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    @Autowired
    org.springframework.security.config.annotation.authentication.configuration.AuthenticationConfiguration authentication;

    @BeforeEach
    void rulesFromScratch() {
        // every test's browser comes from the loopback address: start its failure count afresh, so refusals of
        // earlier tests (here and in other classes) never pause the address for this one
        jdbc.update("DELETE FROM concierge.sign_in_address WHERE client_address = '127.0.0.1'");
        signIn(OPERATOR);
        sso.rules().stream().filter(r -> r.provider().equals(PROVIDER)).forEach(r -> sso.removeRule(r.id()));
        sso.addRule(PROVIDER, null, "ops-team", Role.OPERATOR, null);
        sso.addRule(PROVIDER, null, "audit-team", Role.AUDITOR, null);
    }

    @AfterEach
    void honestProvider() {
        TestIdentityProvider.signing(Signing.HONEST);
    }

    @Test
    void the_console_sends_the_browser_to_the_provider_with_pkce() throws Exception {
        var request = new OidcBrowser(port).startSignIn(PROVIDER);
        assertThat(request.toString()).startsWith(TestIdentityProvider.server().issuer() + "/oauth2/authorize")
                .contains("code_challenge=").contains("code_challenge_method=S256").contains("scope=openid");
    }

    @Test
    void a_member_of_the_operators_group_signs_in_as_an_operator() throws Exception {
        var browser = new OidcBrowser(port);
        assertThat(browser.signIn(PROVIDER, "ana-ops", "ana-password")).isEqualTo("/");
        assertThat(browser.open("/").statusCode()).as("signed in").isEqualTo(200);

        signIn(OPERATOR);
        assertThat(sessions.signedIn("ana-ops")).contains(new CurrentUser("ana-ops", Role.OPERATOR, null, null));
        assertThat(user("ana-ops").managedBy()).isEqualTo(PROVIDER);
        assertThat(user("ana-ops").role()).isEqualTo(Role.OPERATOR);
        assertThat(Actors.callAs(new CurrentUser("ana-ops", Role.OPERATOR, null, null), users::myIdentityProvider))
                .as("what the account page names instead of a password form").contains("Test IdP");
        assertThat(users.myIdentityProvider()).as("a local account").isEmpty();
    }

    @Test
    void a_member_of_the_auditors_group_signs_in_as_an_auditor_who_reads_but_never_edits() throws Exception {
        var browser = new OidcBrowser(port);
        assertThat(browser.signIn(PROVIDER, "aldo-audit", "aldo-password")).isEqualTo("/");

        signIn(OPERATOR);
        var principal = sessions.signedIn("aldo-audit");
        assertThat(principal).extracting(CurrentUser::role).containsOnly(Role.AUDITOR);
        var tenant = TestTenants.active(tenants, uniqueSlug("sso"));
        assertThat(Actors.callAs(principal.get(0), () -> access.canRead(tenant.id()))).isTrue();
        assertThat(Actors.callAs(principal.get(0), () -> access.canEdit(tenant.id()))).isFalse();
    }

    @Test
    void a_partner_group_signs_in_as_partner_admin_of_exactly_its_tenant() throws Exception {
        var tenant = TestTenants.active(tenants, uniqueSlug("ssop"));
        var other = TestTenants.active(tenants, uniqueSlug("ssoq"));
        signIn(OPERATOR);
        sso.addRule(PROVIDER, null, "partner-admins", Role.PARTNER_ADMIN, tenant.slug().value());

        var browser = new OidcBrowser(port);
        assertThat(browser.signIn(PROVIDER, "pat-partner", "pat-password")).isEqualTo("/");

        signIn(OPERATOR);
        var principal = new CurrentUser("pat-partner", Role.PARTNER_ADMIN, tenant.id(), tenant.slug());
        assertThat(sessions.signedIn("pat-partner")).contains(principal);
        assertThat(Actors.callAs(principal, () -> access.canEdit(tenant.id()))).isTrue();
        assertThat(Actors.callAs(principal, () -> access.canRead(other.id()))).as("another tenant").isFalse();
    }

    @Test
    void claims_that_match_partner_rules_of_two_tenants_are_refused() throws Exception {
        var a = TestTenants.active(tenants, uniqueSlug("ssoa"));
        var b = TestTenants.active(tenants, uniqueSlug("ssob"));
        signIn(OPERATOR);
        sso.addRule(PROVIDER, null, "partners-a", Role.PARTNER_ADMIN, a.slug().value());
        sso.addRule(PROVIDER, null, "partners-b", Role.PARTNER_ADMIN, b.slug().value());

        assertThat(new OidcBrowser(port).signIn(PROVIDER, "pia-two", "pia-password"))
                .isEqualTo("/login?error=sso&reason=unmapped");
        var outcome = sso.test(PROVIDER, "{\"sub\": \"pia-two\", \"groups\": [\"partners-a\", \"partners-b\"]}");
        assertThat(outcome.granted()).isFalse();
        assertThat(outcome.refusal()).contains("partner-admin rules of 2 tenants").contains("exactly one tenant");
    }

    @Test
    void a_partner_admin_rule_must_name_exactly_one_tenant_and_staff_rules_none() {
        signIn(OPERATOR);
        assertThatThrownBy(() -> sso.addRule(PROVIDER, null, "p-none", Role.PARTNER_ADMIN, null))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("exactly one tenant");
        assertThatThrownBy(() -> sso.addRule(PROVIDER, null, "p-nowhere", Role.PARTNER_ADMIN, "no_such_tenant"))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("No open tenant 'no_such_tenant'");
        assertThatThrownBy(() -> sso.addRule(PROVIDER, null, "o-tenant", Role.OPERATOR, "acme"))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("Only a partner admin rule names a tenant");
    }

    @Test
    void a_sign_in_that_matches_no_rule_is_refused_with_a_message_and_recorded() throws Exception {
        var before = Instant.now();
        assertThat(new OidcBrowser(port).signIn(PROVIDER, "noor-nobody", "noor-password"))
                .isEqualTo("/login?error=sso&reason=unmapped");
        assertThat(io.concierge.security.ui.LoginViewMessages.of("unmapped"))
                .contains("no mapping rule gives your account a role");

        signIn(OPERATOR);
        assertThat(users.exists("noor-nobody")).as("no account is created").isFalse();
        assertThat(audit.page(new AuditFilter(null, null, AuditAction.LOGIN_FAILED, null, before, null, "noor-nobody"),
                null, 10)).extracting(AuditEntry::detail).anySatisfy(d -> assertThat(d)
                .contains("single sign-on via test-idp refused").contains("No mapping rule"));
    }

    @Test
    void the_role_follows_the_mapping_at_every_sign_in() throws Exception {
        var tenant = TestTenants.active(tenants, uniqueSlug("ssor"));
        signIn(OPERATOR);
        var rule = sso.addRule(PROVIDER, null, "partner-admins", Role.PARTNER_ADMIN, tenant.slug().value());
        assertThat(new OidcBrowser(port).signIn(PROVIDER, "pat-partner", "pat-password")).isEqualTo("/");

        signIn(OPERATOR);
        sso.removeRule(rule.id());
        sso.addRule(PROVIDER, null, "partner-admins", Role.AUDITOR, null);
        assertThat(new OidcBrowser(port).signIn(PROVIDER, "pat-partner", "pat-password")).isEqualTo("/");

        signIn(OPERATOR);
        assertThat(user("pat-partner").role()).isEqualTo(Role.AUDITOR);
        assertThat(user("pat-partner").tenant()).isNull();
        assertThat(audit.page(new AuditFilter(null, null, AuditAction.USER_ROLE_MAPPED, null, null, null, "pat-partner"),
                null, 1)).isNotEmpty();
    }

    @Test
    void a_deactivated_managed_user_stays_out_although_the_provider_says_yes() throws Exception {
        var browser = new OidcBrowser(port);
        assertThat(browser.signIn(PROVIDER, "ana-ops", "ana-password")).isEqualTo("/");
        signIn(OPERATOR);
        users.deactivate("ana-ops");
        try {
            assertThat(browser.open("/").statusCode()).as("the open session ends at once").isEqualTo(302);
            var before = Instant.now();
            assertThat(new OidcBrowser(port).signIn(PROVIDER, "ana-ops", "ana-password"))
                    .isEqualTo("/login?error=sso&reason=deactivated");
            assertThat(audit.page(new AuditFilter(null, null, AuditAction.LOGIN_FAILED, null, before, null, "ana-ops"),
                    null, 5)).as("counted and recorded like a refused password").extracting(AuditEntry::detail)
                    .anySatisfy(d -> assertThat(d).contains("single sign-on via test-idp refused").contains("deactivated"));
        } finally {
            signIn(OPERATOR);
            users.activate("ana-ops");
        }
    }

    @Test
    void a_sign_in_pause_holds_for_single_sign_on_as_for_passwords() throws Exception {
        try {
            for (int i = 0; i < 5; i++) {
                attempts.recordFailure("aldo-audit", "127.0.0.1", "wrong password (test)");
            }
            assertThat(new OidcBrowser(port).signIn(PROVIDER, "aldo-audit", "aldo-password"))
                    .as("the provider says yes, but this name is paused from this address")
                    .isEqualTo("/login?error=sso&reason=paused");
            assertThat(io.concierge.security.ui.LoginViewMessages.of("paused")).contains("Sign-in is paused");
            signIn(OPERATOR);
            assertThat(sessions.signedIn("aldo-audit")).isEmpty();
        } finally {
            attempts.forgive("aldo-audit");
        }
        assertThat(new OidcBrowser(port).signIn(PROVIDER, "aldo-audit", "aldo-password")).isEqualTo("/");
    }

    @Test
    void a_managed_user_has_no_password_to_reset_or_sign_in_with() throws Exception {
        new OidcBrowser(port).signIn(PROVIDER, "aldo-audit", "aldo-password");
        signIn(OPERATOR);
        assertThatThrownBy(() -> users.resetPassword("aldo-audit")).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("signs in through provider 'test-idp'");
    }

    @Test
    void back_channel_logout_from_the_provider_ends_the_users_console_sessions() throws Exception {
        var browser = new OidcBrowser(port);
        assertThat(browser.signIn(PROVIDER, "aldo-audit", "aldo-password")).isEqualTo("/");
        assertThat(browser.open("/").statusCode()).isEqualTo(200);

        var token = TestIdentityProvider.server().logoutToken(TestIdentityProvider.CLIENT_ID, "aldo-audit");
        assertThat(OidcBrowser.backChannelLogout(port, PROVIDER, token)).isEqualTo(200);

        var after = browser.open("/");
        assertThat(after.statusCode()).isEqualTo(302);
        assertThat(after.headers().firstValue("Location").orElseThrow()).contains("/login?signed-out");
        signIn(OPERATOR);
        assertThat(sessions.signedIn("aldo-audit")).isEmpty();
    }

    @Test
    void a_logout_token_not_signed_by_the_provider_is_refused() throws Exception {
        var browser = new OidcBrowser(port);
        assertThat(browser.signIn(PROVIDER, "aldo-audit", "aldo-password")).isEqualTo("/");
        var forged = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbGRvLWF1ZGl0In0.";
        assertThat(OidcBrowser.backChannelLogout(port, PROVIDER, forged)).isEqualTo(400);
        assertThat(browser.open("/").statusCode()).as("still signed in").isEqualTo(200);
    }

    @Test
    void sign_out_everywhere_ends_every_session_of_the_user() throws Exception {
        var first = new OidcBrowser(port);
        var second = new OidcBrowser(port);
        first.signIn(PROVIDER, "aldo-audit", "aldo-password");
        second.signIn(PROVIDER, "aldo-audit", "aldo-password");
        signIn(OPERATOR);
        assertThat(sessions.signOutEverywhere("aldo-audit")).isGreaterThanOrEqualTo(2);
        assertThat(first.open("/").statusCode()).isEqualTo(302);
        assertThat(second.open("/").statusCode()).isEqualTo(302);
    }

    @Test
    void a_disabled_provider_has_no_button_and_its_login_refuses() throws Exception {
        assertThat(sso.providers()).extracting(SsoProvider::id, SsoProvider::enabled)
                .contains(org.assertj.core.groups.Tuple.tuple("old-idp", false));
        var client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        var response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/oauth2/authorization/old-idp")).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(OidcBrowser.path(URI.create(OidcBrowser.location(response))))
                .isEqualTo("/login?error=sso&reason=unavailable");
        assertThat(io.concierge.security.ui.LoginViewMessages.buttons(sso)).containsExactly("Sign in with Test IdP");
    }

    @Test
    void an_id_token_signed_with_a_key_the_provider_never_published_is_refused() throws Exception {
        TestIdentityProvider.signing(Signing.FORGED);
        assertThat(new OidcBrowser(port).signIn(PROVIDER, "ana-ops", "ana-password"))
                .isEqualTo("/login?error=sso&reason=invalid");
    }

    @Test
    void an_expired_id_token_is_refused() throws Exception {
        TestIdentityProvider.signing(Signing.EXPIRED);
        // the first failure of a window is the one audited (later ones are counted): start a fresh window for
        // unverified sign-ins through this provider, whatever earlier tests refused
        attempts.forgive("unknown (" + PROVIDER + ")");
        var before = Instant.now();
        assertThat(new OidcBrowser(port).signIn(PROVIDER, "ana-ops", "ana-password"))
                .isEqualTo("/login?error=sso&reason=invalid");
        signIn(OPERATOR);
        assertThat(audit.page(new AuditFilter(null, null, AuditAction.LOGIN_FAILED, null, before, null,
                "invalid_id_token"), null, 5)).isNotEmpty();
    }

    @Test
    void with_password_sign_in_switched_off_only_break_glass_accounts_use_a_password() throws Exception {
        signIn(OPERATOR);
        var username = "aud" + uniqueSlug("x").substring(2, 12).replace("_", "");
        var password = users.createStaff(username, Role.AUDITOR);
        assertThat(passwordLogin(username, password)).isEqualTo("/login?error");
        assertThat(passwordLogin("ops", "ops-test-password")).as("break-glass operator, TOTP required")
                .isEqualTo("/login/code");

        // the same refusal, and so the same words on the login page, for a real name and one that does not exist
        var manager = authentication.getAuthenticationManager();
        for (var name : new String[] {username, "nobody" + uniqueSlug("n").substring(2)}) {
            var attempt = org.springframework.security.authentication.UsernamePasswordAuthenticationToken
                    .unauthenticated(name, password);
            attempt.setDetails(new org.springframework.security.web.authentication.WebAuthenticationDetails(
                    new org.springframework.mock.web.MockHttpServletRequest()));
            assertThatThrownBy(() -> manager.authenticate(attempt)).as(name)
                    .isExactlyInstanceOf(PasswordSignInOffException.class);
        }
        assertThat(io.concierge.security.ui.LoginViewMessages.passwordSignInOff(sso))
                .isEqualTo("Password sign-in is off; use Sign in with Test IdP.");
    }

    private ConsoleUserSummary user(String username) {
        return users.list().stream().filter(u -> u.username().equals(username)).findFirst().orElseThrow();
    }

    private String passwordLogin(String username, String password) throws IOException, InterruptedException {
        var client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        var page = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        // the login form is CSRF-protected: the token comes from the page's meta tag, as the browser sends it
        var token = java.util.regex.Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"").matcher(page.body());
        assertThat(token.find()).as("the login page carries a CSRF token").isTrue();
        var response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + username + "&password=" + password
                        + "&_csrf=" + java.net.URLEncoder.encode(token.group(1), java.nio.charset.StandardCharsets.UTF_8)))
                .build(),
                HttpResponse.BodyHandlers.discarding());
        return OidcBrowser.path(URI.create(OidcBrowser.location(response)));
    }

}
