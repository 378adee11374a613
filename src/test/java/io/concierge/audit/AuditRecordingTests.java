package io.concierge.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.concierge.configuration.ConfigArea;
import io.concierge.configuration.ConfigurationConflictException;
import io.concierge.configuration.ConfigurationStore;
import io.concierge.configuration.FieldChange;
import io.concierge.security.ConsoleUserService;
import io.concierge.security.Role;
import io.concierge.security.SignInPausedException;
import io.concierge.support.IntegrationTest;
import io.concierge.tenant.NewTenant;
import io.concierge.tenant.TenantService;
import io.concierge.security.CurrentUser;
import io.concierge.security.Actors;
import io.concierge.tenant.TenantStatus;
import io.concierge.tenant.TenantSummary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.authentication.configuration.AuthenticationConfiguration;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Base64;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every kind of change leaves exactly one entry, with the right before/after, in the right transaction. */
class AuditRecordingTests extends IntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    TenantService tenants;
    @Autowired
    ConfigurationStore store;
    @Autowired
    ConsoleUserService users;
    @Autowired
    AuditLog log;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    AuthenticationConfiguration authentication;

    @BeforeEach
    void asOperator() {
        signIn(OPERATOR);
    }

    @Test
    void every_tenant_lifecycle_change_leaves_one_entry_with_the_state_before_and_after() {
        var t = register("life");
        awaitStatus(t, TenantStatus.ACTIVE); // provisioning activates it, as the system
        signIn(OPERATOR);
        tenants.suspend(t.id(), "unpaid invoice");
        tenants.resume(t.id());
        tenants.recordSchemaUpgrade(t.id(), "1.1", 2);
        tenants.offboard(t.id(), t.slug().value());

        var entries = lifecycleEntries(t.slug().value());
        assertThat(entries).extracting(AuditEntry::action).containsExactly(
                AuditAction.TENANT_OFFBOARDED, AuditAction.TENANT_SCHEMA_UPGRADED, AuditAction.TENANT_RESUMED,
                AuditAction.TENANT_SUSPENDED, AuditAction.TENANT_ACTIVATED, AuditAction.TENANT_REGISTERED);
        assertThat(entries).extracting(AuditEntry::actor).containsExactly("ops", "ops", "ops", "ops", "system", "ops");
        assertThat(entries).allSatisfy(e -> {
            assertThat(e.actorRole()).isEqualTo("OPERATOR");
            assertThat(e.tenant()).isEqualTo(t.id());
            assertThat(e.area()).isEqualTo(AuditArea.TENANT);
        });

        var registered = details(entries.get(5));
        assertThat(registered.before()).isNull();
        assertThat(json(registered.after())).containsEntry("status", "PROVISIONING")
                .containsEntry("displayName", "Life Ltd");
        var suspended = details(entries.get(3));
        assertThat(json(suspended.before())).containsEntry("status", "ACTIVE");
        assertThat(json(suspended.after())).containsEntry("status", "SUSPENDED").containsEntry("reason", "unpaid invoice");
        assertThat(suspended.changes()).extracting(FieldChange::path).containsExactly("reason", "status");
        var offboarded = details(entries.get(0));
        assertThat(json(offboarded.before())).containsEntry("status", "ACTIVE").containsEntry("changelogVersion", "1.1");
        assertThat(json(offboarded.after())).containsEntry("status", "OFFBOARDED");
    }

    @Test
    void failed_provisioning_and_its_retry_are_recorded_with_the_reason() {
        var t = register("fail");
        awaitStatus(t, TenantStatus.ACTIVE);
        // as if the console had stopped in the middle of provisioning this tenant
        jdbc.update("UPDATE concierge.tenant SET status = 'PROVISIONING' WHERE id = ?", t.id().value());
        signIn(OPERATOR);
        tenants.failProvisioning(t.id(), "template copy failed");
        tenants.retry(t.id());
        awaitStatus(t, TenantStatus.ACTIVE);

        var entries = lifecycleEntries(t.slug().value());
        assertThat(entries).extracting(AuditEntry::action).containsExactly(AuditAction.TENANT_ACTIVATED,
                AuditAction.TENANT_PROVISIONING_RETRIED, AuditAction.TENANT_PROVISIONING_FAILED,
                AuditAction.TENANT_ACTIVATED, AuditAction.TENANT_REGISTERED);
        assertThat(entries.get(2).detail()).isEqualTo("template copy failed");
        assertThat(entries.get(1).detail()).isEqualTo("previous failure: template copy failed");
    }

    @Test
    void a_configuration_save_and_a_restore_record_before_after_and_the_version_produced() {
        var t = register("conf");
        store.save(t.id(), t.slug(), ConfigArea.RULES, 0, "{\"maxOrder\":100}", "first limits");
        store.save(t.id(), t.slug(), ConfigArea.RULES, 1, "{\"maxOrder\":250}", "raise limit");
        store.restore(t.id(), t.slug(), ConfigArea.RULES, 1, 2, "back to 100");

        var entries = log.page(new AuditFilter(t.slug().value(), null, null, AuditArea.RULES, null, null, null), null, 50);
        assertThat(entries).extracting(AuditEntry::action).containsExactly(AuditAction.CONFIGURATION_RESTORED,
                AuditAction.CONFIGURATION_SAVED, AuditAction.CONFIGURATION_SAVED);
        assertThat(entries).extracting(AuditEntry::producedVersion).containsExactly(3L, 2L, 1L);
        assertThat(entries.get(0).detail()).isEqualTo("back to 100 (restored version 1)");

        var raise = details(entries.get(1));
        assertThat(raise.before()).isEqualTo("{\"maxOrder\":100}");
        assertThat(raise.after()).isEqualTo("{\"maxOrder\":250}");
        assertThat(raise.changes()).containsExactly(new FieldChange("maxOrder", "100", "250"));
        assertThat(details(entries.get(2)).before()).isNull();
    }

    @Test
    void secrets_and_embedded_logos_never_reach_the_history() {
        var t = register("secret");
        var logo = "data:image/png;base64," + Base64.getEncoder().encodeToString(new byte[3000]);
        store.save(t.id(), t.slug(), ConfigArea.BRANDING, 0,
                "{\"logo\":\"" + logo + "\",\"webhook\":{\"url\":\"https://x.example\",\"apiToken\":\"s3cr3t-value\"}}",
                "brand");

        var entry = log.page(new AuditFilter(t.slug().value(), null, AuditAction.CONFIGURATION_SAVED, null, null, null,
                null), null, 5).get(0);
        var after = details(entry).after();
        assertThat(after).doesNotContain("s3cr3t-value").doesNotContain("AAAAAAAA").contains("[redacted]")
                .contains("[data URI image/png, " + logo.length() + " characters, sha256:");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM concierge.audit_entry WHERE after_json LIKE '%s3cr3t%'",
                Long.class)).isZero();
    }

    @Test
    void a_save_that_conflicts_leaves_no_entry() {
        var t = register("conflict");
        store.save(t.id(), t.slug(), ConfigArea.BRANDING, 0, "{\"color\":\"red\"}", "red");
        var before = countFor(t);

        assertThatThrownBy(() -> store.save(t.id(), t.slug(), ConfigArea.BRANDING, 0, "{\"color\":\"blue\"}", "blue"))
                .isInstanceOf(ConfigurationConflictException.class);

        assertThat(countFor(t)).isEqualTo(before);
    }

    @Test
    void a_save_rolled_back_after_it_was_recorded_takes_its_entry_with_it() {
        var t = register("rollback");
        var before = countFor(t);

        assertThatThrownBy(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
            store.save(t.id(), t.slug(), ConfigArea.BRANDING, 0, "{\"color\":\"red\"}", "red");
            throw new IllegalStateException("a later step of the same change failed");
        })).hasMessageContaining("later step");

        assertThat(countFor(t)).isEqualTo(before);
        assertThat(store.current(t.id(), ConfigArea.BRANDING)).isEmpty();
    }

    @Test
    void console_user_changes_are_recorded_without_any_password() {
        var t = register("users");
        var username = t.slug().value().replace("_", "-") + "-admin";
        var oneTime = users.invitePartnerAdmin(username, t.id(), t.slug());
        users.deactivate(username);
        users.activate(username);
        var reset = users.resetPassword(username);

        var entries = log.page(new AuditFilter(null, null, null, AuditArea.USERS, null, null, username), null, 10);
        assertThat(entries).extracting(AuditEntry::action).containsExactly(AuditAction.USER_PASSWORD_RESET,
                AuditAction.USER_ACTIVATED, AuditAction.USER_DEACTIVATED, AuditAction.USER_CREATED);
        assertThat(entries).allSatisfy(e -> {
            assertThat(e.target()).isEqualTo(username);
            assertThat(e.tenantSlug()).isEqualTo(t.slug().value());
            assertThat(e.actor()).isEqualTo("ops");
        });
        assertThat(json(details(entries.get(2)).after())).containsEntry("active", false);
        for (var secret : List.of(oneTime, reset)) {
            assertThat(jdbc.queryForObject("SELECT count(*) FROM concierge.audit_entry WHERE concat_ws('|', actor, "
                    + "target, detail, before_json, after_json) LIKE ?", Long.class, "%" + secret + "%")).isZero();
        }
    }

    @Test
    void sign_ins_through_the_authentication_manager_are_recorded_with_the_client_address() throws Exception {
        var username = "login-" + uniqueSlug("u").substring(2, 10);
        var address = "10.42." + System.nanoTime() % 250 + ".42";
        users.createWithPassword(username, "right-password", Role.AUDITOR, null, null);
        var manager = authentication.getAuthenticationManager();

        manager.authenticate(formLogin(username, "right-password", address));
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> manager.authenticate(formLogin(username, "wrong", address)))
                    .isInstanceOf(BadCredentialsException.class);
        }
        assertThatThrownBy(() -> manager.authenticate(formLogin(username, "right-password", address)))
                .isInstanceOf(SignInPausedException.class);

        // failures are aggregated: the first of the window, then the pause with the count
        var entries = log.page(new AuditFilter(null, null, null, AuditArea.SIGN_IN, null, null, username), null, 20);
        assertThat(entries).extracting(AuditEntry::action).containsExactly(
                AuditAction.SIGN_IN_PAUSED, AuditAction.LOGIN_FAILED, AuditAction.LOGIN_SUCCEEDED);
        assertThat(entries).allSatisfy(e -> assertThat(e.clientAddress()).isEqualTo(address));
        assertThat(entries.get(0).detail()).startsWith("5 failed sign-ins");
        assertThat(entries.get(1).detail()).startsWith("bad credentials; unverified username");
        assertThat(entries.get(2).actor()).isEqualTo(username);
        assertThat(entries.get(2).actorRole()).isEqualTo("AUDITOR");
    }

    @Test
    void a_refusal_is_recorded_even_though_its_transaction_rolls_back() {
        var mine = register("mine");
        var theirs = register("theirs");
        signIn(partnerAdmin(mine.id(), mine.slug()));

        assertThatThrownBy(() -> new TransactionTemplate(transactions).executeWithoutResult(status ->
                store.save(theirs.id(), theirs.slug(), ConfigArea.BRANDING, 0, "{\"color\":\"red\"}", "hijack")))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> tenants.open(theirs.slug().value())).isInstanceOf(AccessDeniedException.class);

        signIn(AUDITOR);
        var refusals = log.page(new AuditFilter(theirs.slug().value(), null, AuditAction.ACCESS_REFUSED, null, null,
                null, null), null, 10);
        assertThat(refusals).hasSize(2);
        assertThat(refusals).allSatisfy(e -> {
            assertThat(e.actor()).isEqualTo(mine.slug().value() + "-admin");
            assertThat(e.actorRole()).isEqualTo("PARTNER_ADMIN");
            assertThat(e.tenant()).isEqualTo(theirs.id());
        });
        assertThat(refusals.get(1).target()).isEqualTo("change branding");
        assertThat(refusals.get(0).target()).isEqualTo("open tenant '" + theirs.slug().value() + "'");
    }

    @Test
    void a_refusal_inside_a_nested_transaction_waits_for_the_enclosing_change_instead_of_deadlocking() {
        var t = register("nested");
        var other = register("nestedother");
        var requiresNew = new TransactionTemplate(transactions);
        requiresNew.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);

        new TransactionTemplate(transactions).executeWithoutResult(outer -> {
            // the outer transaction appends, so it holds the chain lock until it commits
            store.save(t.id(), t.slug(), ConfigArea.RULES, 0, "{\"max\":1}", "limits");
            signIn(partnerAdmin(t.id(), t.slug()));
            assertThatThrownBy(() -> requiresNew.executeWithoutResult(inner -> tenants.open(other.slug().value())))
                    .isInstanceOf(AccessDeniedException.class);
            signIn(OPERATOR);
        });

        var entries = log.page(new AuditFilter(null, null, null, null, null, null, t.slug().value() + "-admin"), null, 5);
        assertThat(entries).extracting(AuditEntry::action).containsExactly(AuditAction.ACCESS_REFUSED);
    }

    @Test
    void a_partner_admin_reads_only_their_own_tenants_history() {
        var mine = register("own");
        var theirs = register("other");
        store.save(mine.id(), mine.slug(), ConfigArea.BRANDING, 0, "{\"color\":\"red\"}", "mine");
        store.save(theirs.id(), theirs.slug(), ConfigArea.BRANDING, 0, "{\"color\":\"blue\"}", "theirs");
        var theirEntry = entries(theirs.slug().value()).get(0);
        signIn(partnerAdmin(mine.id(), mine.slug()));

        assertThat(log.page(AuditFilter.ALL, null, 200)).isNotEmpty()
                .allSatisfy(e -> assertThat(e.tenant()).isEqualTo(mine.id()));
        assertThatThrownBy(() -> log.page(AuditFilter.ALL.withTenantSlug(theirs.slug().value()), null, 10))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(log.details(theirEntry.id())).isEmpty();
        assertThatThrownBy(() -> log.verifyIntegrity()).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void keyset_pages_walk_the_history_without_gaps_or_repeats() {
        var t = register("pages");
        for (int i = 1; i <= 7; i++) {
            store.save(t.id(), t.slug(), ConfigArea.RULES, i - 1, "{\"n\":" + i + "}", "step " + i);
        }
        var filter = new AuditFilter(t.slug().value(), null, AuditAction.CONFIGURATION_SAVED, AuditArea.RULES, null, null,
                null);
        var first = log.page(filter, null, 3);
        var second = log.page(filter, first.get(2).id(), 3);
        var third = log.page(filter, second.get(2).id(), 3);
        assertThat(first).extracting(AuditEntry::producedVersion).containsExactly(7L, 6L, 5L);
        assertThat(second).extracting(AuditEntry::producedVersion).containsExactly(4L, 3L, 2L);
        assertThat(third).extracting(AuditEntry::producedVersion).containsExactly(1L);
        assertThat(log.page(filter, null, 2, 2)).extracting(AuditEntry::producedVersion).containsExactly(5L, 4L);
        assertThatThrownBy(() -> log.page(filter, null, 0)).hasMessageContaining("1 to 500");
    }

    private TenantSummary register(String prefix) {
        var slug = uniqueSlug(prefix);
        var name = Character.toUpperCase(prefix.charAt(0)) + prefix.substring(1) + " Ltd";
        return tenants.register(new NewTenant(slug, name, "ops@" + prefix + ".example", null)).tenant();
    }

    private List<AuditEntry> lifecycleEntries(String slug) {
        return entries(slug).stream().filter(e -> e.area() == AuditArea.TENANT).toList();
    }

    private void awaitStatus(TenantSummary t, TenantStatus status) {
        await().atMost(Duration.ofSeconds(60)).until(() -> Actors.callAs(CurrentUser.SYSTEM,
                () -> tenants.find(t.id()).orElseThrow().status()) == status);
    }

    private List<AuditEntry> entries(String slug) {
        return log.page(AuditFilter.ALL.withTenantSlug(slug), null, 100);
    }

    private AuditEntryDetails details(AuditEntry entry) {
        return log.details(entry.id()).orElseThrow();
    }

    private long countFor(TenantSummary t) {
        return jdbc.queryForObject("SELECT count(*) FROM concierge.audit_entry WHERE tenant_id = ?", Long.class,
                t.id().value());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String text) {
        try {
            return JSON.readValue(text, Map.class);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static UsernamePasswordAuthenticationToken formLogin(String username, String password, String address) {
        var request = new MockHttpServletRequest();
        request.setRemoteAddr(address);
        var token = UsernamePasswordAuthenticationToken.unauthenticated(username, password);
        token.setDetails(new WebAuthenticationDetails(request));
        return token;
    }
}
