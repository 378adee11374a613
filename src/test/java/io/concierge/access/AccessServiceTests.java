package io.concierge.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.concierge.configuration.ConfigArea;
import io.concierge.configuration.ConfigurationConflictException;
import io.concierge.configuration.ConfigurationStore;
import io.concierge.security.Actors;
import io.concierge.shared.InvalidValueException;
import io.concierge.support.IntegrationTest;
import io.concierge.tenant.TenantService;
import io.concierge.tenant.TenantSummary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccessServiceTests extends IntegrationTest {

    @Autowired
    AccessService access;
    @Autowired
    TenantService tenants;
    @Autowired
    ConfigurationStore store;

    TenantSummary tenant;

    @BeforeEach
    void anActiveTenant() {
        tenant = AccessTestTenants.activeTenant(tenants, access);
        signIn(OPERATOR);
    }

    @Test
    void an_activated_tenant_is_seeded_with_the_role_templates_by_the_system() {
        var seeded = access.current(tenant.id()).orElseThrow();
        assertThat(seeded.version().version()).isEqualTo(1);
        assertThat(seeded.version().author()).isEqualTo("system");
        assertThat(seeded.version().comment()).isEqualTo("Seeded from role templates");
        assertThat(seeded.matrix().catalogVersion()).isEqualTo("2026.11");
        assertThat(seeded.matrix().roles()).extracting(RoleGrant::key)
                .containsExactly("investor", "advisor", "branch_manager", "compliance_officer", "support_agent");
        assertThat(access.can(tenant.id(), "investor", "orders:create")).isTrue();
        assertThat(access.can(tenant.id(), "investor", "kyc:review")).isFalse();
        assertThat(access.whoCan(tenant.id(), "kyc:review")).extracting(RoleGrant::key).containsExactly("compliance_officer");
    }

    @Test
    void the_stored_content_follows_the_publishing_contract() throws Exception {
        var content = new ObjectMapper().readTree(store.current(tenant.id(), ConfigArea.ACCESS).orElseThrow().content());
        assertThat(content.fieldNames()).toIterable().containsExactlyInAnyOrder("catalogVersion", "roles");
        assertThat(content.path("catalogVersion").asText()).isEqualTo("2026.11");
        var investor = content.path("roles").get(0);
        assertThat(investor.fieldNames()).toIterable().containsExactlyInAnyOrder("key", "name", "scopes");
        assertThat(investor.path("key").asText()).isEqualTo("investor");
        assertThat(investor.path("name").asText()).isEqualTo("Investor");
        var scopes = new ArrayList<String>();
        investor.path("scopes").forEach(s -> scopes.add(s.asText()));
        assertThat(scopes).isSorted().doesNotHaveDuplicates().contains("orders:create", "portfolio:read");
    }

    @Test
    void every_save_is_a_new_version_and_old_versions_stay() {
        var v1 = access.current(tenant.id()).orElseThrow();
        var edited = v1.matrix().withGrant("advisor", "orders:cancel", true);
        var v2 = access.save(tenant.id(), 1, edited, "Advisors may cancel orders");
        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.author()).isEqualTo("ops");
        assertThat(access.can(tenant.id(), "advisor", "orders:cancel")).isTrue();
        assertThat(store.history(tenant.id(), ConfigArea.ACCESS)).extracting(v -> v.version()).containsExactly(2L, 1L);
        assertThat(store.version(tenant.id(), ConfigArea.ACCESS, 1).orElseThrow().content())
                .isEqualTo(v1.version().content());
    }

    @Test
    void a_save_on_a_stale_version_is_refused_naming_who_changed_it_and_overwrites_nothing() {
        var opened = access.current(tenant.id()).orElseThrow();
        signIn(partnerAdmin(tenant.id(), tenant.slug()));
        access.save(tenant.id(), 1, opened.matrix().withGrant("advisor", "orders:cancel", true), "first");
        signIn(OPERATOR);
        assertThatThrownBy(() -> access.save(tenant.id(), 1, opened.matrix().withoutRole("support_agent"), "second"))
                .isInstanceOf(ConfigurationConflictException.class)
                .hasMessageContaining("was changed by " + tenant.slug() + "-admin at")
                .hasMessageContaining("(version 2)");
        var current = access.current(tenant.id()).orElseThrow();
        assertThat(current.version().version()).isEqualTo(2);
        assertThat(current.matrix().role("support_agent")).isPresent();
    }

    @Test
    void restoring_an_old_version_creates_a_new_version_with_its_content() {
        var v1 = access.current(tenant.id()).orElseThrow();
        access.save(tenant.id(), 1, v1.matrix().withoutRole("support_agent"), "No support agents");
        var v3 = access.restore(tenant.id(), 1, 2, "Support agents are back");
        assertThat(v3.version()).isEqualTo(3);
        assertThat(v3.restoredFrom()).isEqualTo(1);
        assertThat(v3.content()).isEqualTo(v1.version().content());
        assertThat(access.current(tenant.id()).orElseThrow().matrix().role("support_agent")).isPresent();
    }

    @Test
    void who_could_do_a_scope_at_an_earlier_time_is_answered_from_that_version() throws Exception {
        var before = store.current(tenant.id(), ConfigArea.ACCESS).orElseThrow().createdAt();
        Thread.sleep(5);
        var v1 = access.current(tenant.id()).orElseThrow();
        access.save(tenant.id(), 1, v1.matrix().withGrant("advisor", "kyc:review", true), "Advisors review KYC");
        assertThat(access.whoCan(tenant.id(), "kyc:review")).extracting(RoleGrant::key)
                .containsExactly("advisor", "compliance_officer");
        assertThat(access.whoCould(tenant.id(), "kyc:review", before)).extracting(RoleGrant::key)
                .containsExactly("compliance_officer");
        assertThat(access.whoCould(tenant.id(), "kyc:review", before.minusSeconds(3600))).isEmpty();
    }

    @Test
    void a_partner_admin_cannot_read_or_change_another_tenants_roles() {
        var other = AccessTestTenants.activeTenant(tenants, access);
        var matrix = Actors.callAs(OPERATOR, () -> access.current(other.id()).orElseThrow().matrix());
        signIn(partnerAdmin(tenant.id(), tenant.slug()));
        assertThatThrownBy(() -> access.save(other.id(), 1, matrix.withoutRole("advisor"), "mine now"))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> access.current(other.id())).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> access.restore(other.id(), 1, 1, "x")).isInstanceOf(AccessDeniedException.class);
        assertThat(Actors.callAs(OPERATOR, () -> access.current(other.id()).orElseThrow().version().version())).isEqualTo(1);
    }

    @Test
    void an_auditor_reads_but_cannot_save_or_restore() {
        signIn(AUDITOR);
        var current = access.current(tenant.id()).orElseThrow();
        assertThatThrownBy(() -> access.save(tenant.id(), 1, current.matrix().withoutRole("advisor"), "audit"))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> access.restore(tenant.id(), 1, 1, "audit")).isInstanceOf(AccessDeniedException.class);
        assertThat(access.current(tenant.id()).orElseThrow().version().version()).isEqualTo(1);
    }

    @Test
    void a_scope_missing_from_the_catalogue_is_refused_by_name() {
        var matrix = access.current(tenant.id()).orElseThrow().matrix().withGrant("advisor", "orders:teleport", true);
        assertThatThrownBy(() -> access.save(tenant.id(), 1, matrix, "typo"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("Role 'advisor' has scope 'orders:teleport', which is not in permission catalogue 2026.11.");
        assertThat(access.current(tenant.id()).orElseThrow().version().version()).isEqualTo(1);
    }

    @Test
    void a_ten_thousand_character_role_name_is_refused() {
        var matrix = access.current(tenant.id()).orElseThrow().matrix();
        var huge = "x".repeat(10_000);
        assertThatThrownBy(() -> access.addRole(matrix, "giant", huge))
                .hasMessage("Role name must be at most 60 characters (it has 10000).");
        assertThatThrownBy(() -> access.save(tenant.id(), 1, matrix.withRoleRenamed("advisor", huge), "huge"))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("at most 60 characters");
        assertThat(access.current(tenant.id()).orElseThrow().version().version()).isEqualTo(1);
    }

    @Test
    void role_keys_and_names_must_be_well_formed_and_unique() {
        var matrix = access.current(tenant.id()).orElseThrow().matrix();
        assertThatThrownBy(() -> access.addRole(matrix, "Relationship Manager", "RM"))
                .hasMessageContaining("must be 2 to 40 characters");
        assertThatThrownBy(() -> access.addRole(matrix, "advisor", "Another")).hasMessage("A role with key 'advisor' already exists.");
        assertThatThrownBy(() -> access.addRole(matrix, "adv2", "ADVISOR")).hasMessage("Role 'advisor' is already named 'Advisor'.");
        assertThatThrownBy(() -> access.addRole(matrix, "rm", " ")).hasMessage("Role 'rm' needs a name.");
        assertThatThrownBy(() -> access.addRole(matrix, "rm", "Viewer\u202E\u2066nimda"))
                .isInstanceOf(InvalidValueException.class).hasMessageStartingWith("Role name must not contain invisible "
                        + "text-direction characters").hasMessageEndingWith("(found U+202E at character 7).");
        assertThatThrownBy(() -> access.save(tenant.id(), 1, matrix.withRoleRenamed("advisor", "Adv\u200Fisor"), "bidi"))
                .isInstanceOf(InvalidValueException.class).extracting(e -> ((InvalidValueException) e).field())
                .isEqualTo("name");
        var duplicated = new AccessMatrix("2026.11", List.of(new RoleGrant("aa", "Same", List.of()),
                new RoleGrant("bb", "same", List.of())));
        assertThatThrownBy(() -> access.save(tenant.id(), 1, duplicated, "dup"))
                .hasMessage("Two roles are named 'same'; role names must be unique.");
        var added = access.addRole(matrix, "relationship_manager", "Relationship manager");
        assertThat(access.save(tenant.id(), 1, added, "New role").version()).isEqualTo(2);
    }

    @Test
    void an_offboarded_tenants_roles_can_no_longer_change() {
        var matrix = access.current(tenant.id()).orElseThrow().matrix();
        tenants.offboard(tenant.id(), tenant.slug().value());
        assertThatThrownBy(() -> access.save(tenant.id(), 1, matrix.withoutRole("advisor"), "late"))
                .hasMessageContaining("is offboarded");
    }
}
