package io.concierge.tenant;

import io.concierge.shared.InvalidValueException;
import io.concierge.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TenantRegistrationTests extends IntegrationTest {

    @Autowired
    TenantService tenants;

    @BeforeEach
    void asOperator() {
        signIn(OPERATOR);
    }

    @Test
    void an_operator_creates_a_tenant_that_starts_provisioning() {
        var slug = uniqueSlug("reg");
        var result = tenants.register(new NewTenant(slug, "Registered Ltd", "ops@registered.example", null));
        assertThat(result.tenant().slug().value()).isEqualTo(slug);
        assertThat(result.tenant().schema().value()).isEqualTo("tenant_" + slug);
        assertThat(tenants.open(slug)).isPresent();
    }

    @Test
    void invalid_slugs_are_refused_with_a_specific_message() {
        assertThatThrownBy(() -> register("Acme")).hasMessageContaining("start with a lower-case letter");
        assertThatThrownBy(() -> register("ab")).hasMessageContaining("3 to 30 characters");
        assertThatThrownBy(() -> register("a".repeat(31))).hasMessageContaining("3 to 30 characters");
        assertThatThrownBy(() -> register("pg_stuff")).hasMessageContaining("reserved by PostgreSQL");
        assertThatThrownBy(() -> register("public")).hasMessageContaining("reserved name");
        assertThatThrownBy(() -> register("information_schema")).hasMessageContaining("reserved name");
        assertThatThrownBy(() -> register("concierge")).hasMessageContaining("reserved name");
        assertThatThrownBy(() -> register("acme-1")).hasMessageContaining("lower-case letters a-z, digits and '_'");
        assertThatThrownBy(() -> register("аcme")).as("Cyrillic a look-alike")
                .hasMessageContaining("non-ASCII");
        assertThatThrownBy(() -> register("x'); drop schema public; --"))
                .isInstanceOf(InvalidValueException.class);
    }

    @Test
    void a_taken_slug_is_refused() {
        var slug = uniqueSlug("dup");
        register(slug);
        assertThatThrownBy(() -> register(slug)).hasMessage("A tenant with slug '" + slug + "' already exists.");
    }

    @Test
    void two_operators_creating_one_slug_at_once_get_one_tenant_and_one_refusal() throws Exception {
        var slug = uniqueSlug("race");
        var start = new CountDownLatch(1);
        var outcomes = Collections.synchronizedList(new ArrayList<String>());
        var pool = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 2; i++) {
                pool.submit(() -> {
                    signIn(OPERATOR);
                    try {
                        start.await();
                        register(slug);
                        outcomes.add("created");
                    } catch (InvalidValueException e) {
                        outcomes.add(e.getMessage());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
            start.countDown();
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            pool.shutdownNow();
        }
        assertThat(outcomes).containsExactlyInAnyOrder("created", "A tenant with slug '" + slug + "' already exists.");
        assertThat(tenants.count(new TenantFilter(slug, null, null))).isEqualTo(1);
    }

    @Test
    void bad_contact_details_are_refused() {
        var slug = uniqueSlug("bad");
        assertThatThrownBy(() -> tenants.register(new NewTenant(slug, " ", "a@b.example", null)))
                .hasMessage("Display name is required.");
        assertThatThrownBy(() -> tenants.register(new NewTenant(slug, "x".repeat(10_000), "a@b.example", null)))
                .hasMessageContaining("at most 120 characters");
        assertThatThrownBy(() -> tenants.register(new NewTenant(slug, "Name", "not-an-email", null)))
                .hasMessageContaining("not a valid address");
        assertThatThrownBy(() -> tenants.register(new NewTenant(slug, "Name", "<script>alert(1)</script>@evil.example",
                null))).isInstanceOf(InvalidValueException.class).hasMessage("Contact email '<script>alert(1)</script>"
                + "@evil.example' is not a valid address: use the form name@example.com, with letters, digits and . _ + -"
                + " only (at most 254 characters).");
        assertThatThrownBy(() -> tenants.register(new NewTenant(slug, "Acme \u202Egnp.exe", "a@b.example", null)))
                .isInstanceOf(InvalidValueException.class).hasMessage("Display name must not contain invisible "
                        + "text-direction characters, which make text display differently from how it is stored "
                        + "(found U+202E at character 6).");
        assertThatThrownBy(() -> tenants.register(new NewTenant(slug, "Acme\nBank", "a@b.example", null)))
                .hasMessageStartingWith("Display name must not contain control characters");
        assertThat(tenants.count(new TenantFilter(slug, null, null))).isZero();
    }

    @Test
    void auditors_and_partner_admins_cannot_create_tenants() {
        signIn(AUDITOR);
        assertThatThrownBy(() -> register(uniqueSlug("aud"))).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void a_first_partner_admin_is_created_with_the_tenant() {
        var slug = uniqueSlug("adm");
        var result = tenants.register(new NewTenant(slug, "With Admin", "a@b.example", slug + "-admin"));
        assertThat(result.firstAdminPassword()).hasSize(16);
    }

    @Test
    void a_failed_first_admin_leaves_no_tenant() {
        var slug = uniqueSlug("noadm");
        assertThatThrownBy(() -> tenants.register(new NewTenant(slug, "Bad Admin", "a@b.example", "X Y")))
                .hasMessageContaining("Username must be");
        assertThat(tenants.count(new TenantFilter(slug, null, null))).isZero();
    }

    private void register(String slug) {
        tenants.register(new NewTenant(slug, "Tenant " + slug, "ops@" + "example.com", null));
    }
}
