package io.concierge.onboarding;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.textfield.TextField;
import io.concierge.access.AccessService;
import io.concierge.access.AccessTestTenants;
import io.concierge.security.Actors;
import io.concierge.security.CurrentUser;
import io.concierge.support.KaribuTest;
import io.concierge.tenant.TenantService;
import io.concierge.tenant.TenantSummary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

import java.time.Duration;
import java.util.List;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OnboardingChecklistTests extends KaribuTest {

    @Autowired
    OnboardingService onboarding;
    @Autowired
    AccessService access;
    @Autowired
    TenantService tenants;

    TenantSummary tenant;

    @BeforeEach
    void anActiveTenantWithSeededRoles() {
        tenant = AccessTestTenants.activeTenant(tenants, access);
        // its seeded roles reach Redis shortly after activation; from then on "published" is done
        await().atMost(Duration.ofSeconds(30)).until(() -> Actors.callAs(CurrentUser.SYSTEM,
                () -> onboarding.checklist(tenant.id()).items().get(5).state() == ItemState.DONE));
    }

    @Test
    void a_new_active_tenant_has_only_provisioning_and_publication_done() {
        signIn(OPERATOR);
        var checklist = onboarding.checklist(tenant.id());
        assertThat(checklist.items()).extracting(ChecklistItem::key)
                .containsExactly("provisioned", "branding", "rules", "roles", "admin", "published");
        assertThat(checklist.items().subList(0, 5)).extracting(ChecklistItem::state).containsExactly(ItemState.DONE,
                ItemState.OPEN, ItemState.OPEN, ItemState.OPEN, ItemState.OPEN);
        assertThat(checklist.items().get(5).state()).isEqualTo(ItemState.DONE);
        assertThat(onboarding.checklist(tenant.id()).progress()).isEqualTo("2/6");
        assertThat(checklist.items()).extracting(ChecklistItem::link).contains("tenants/" + tenant.slug() + "/access",
                "tenants/" + tenant.slug() + "/branding", "tenants/" + tenant.slug() + "/rules");
    }

    @Test
    void roles_count_as_reviewed_once_a_person_saves_them_not_when_the_system_seeds_them() {
        signIn(partnerAdmin(tenant.id(), tenant.slug()));
        var seeded = access.current(tenant.id()).orElseThrow();
        access.save(tenant.id(), 1, seeded.matrix().withGrant("advisor", "orders:cancel", true), "Reviewed");
        var roles = onboarding.checklist(tenant.id()).items().get(3);
        assertThat(roles.state()).isEqualTo(ItemState.DONE);
        // provisioned, roles reviewed, and published once the new roles reach Redis
        await().atMost(Duration.ofSeconds(30)).until(() -> Actors.callAs(CurrentUser.SYSTEM,
                () -> onboarding.progress(List.of(tenant.id())).get(tenant.id())), "3/6"::equals);
    }

    @Test
    void a_partner_admin_cannot_read_another_tenants_checklist() {
        var other = AccessTestTenants.activeTenant(tenants, access);
        signIn(partnerAdmin(tenant.id(), tenant.slug()));
        assertThatThrownBy(() -> onboarding.checklist(other.id())).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> onboarding.progress(List.of(other.id()))).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void the_tenant_page_shows_the_checklist_and_the_configuration_card_with_links() {
        login(partnerAdmin(tenant.id(), tenant.slug()));
        navigate("tenants/" + tenant.slug());
        assertThat(_get(H3.class, spec -> spec.withText("Go-live checklist · 2/6"))).isNotNull();
        assertThat(_get(Anchor.class, spec -> spec.withText("Roles reviewed")).getHref())
                .isEqualTo("tenants/" + tenant.slug() + "/access");
        assertThat(_get(Anchor.class, spec -> spec.withText("Configuration published"))).isNotNull();
        assertThat(_get(H3.class, spec -> spec.withText("Configuration"))).isNotNull();
        assertThat(_get(Anchor.class, spec -> spec.withText("Roles & permissions")).getHref())
                .isEqualTo("tenants/" + tenant.slug() + "/access");
        assertThat(_get(Anchor.class, spec -> spec.withText("Branding")).getHref())
                .isEqualTo("tenants/" + tenant.slug() + "/branding");
        assertThat(_get(Anchor.class, spec -> spec.withText("Investment rules")).getHref())
                .isEqualTo("tenants/" + tenant.slug() + "/rules");
        assertThat(_get(com.vaadin.flow.component.html.Span.class, spec -> spec.withText("v1 by system at "
                + io.concierge.configuration.ui.Versions.time(Actors.callAs(OPERATOR,
                () -> access.current(tenant.id()).orElseThrow().version().createdAt()))))).isNotNull();
        assertThat(_get(com.vaadin.flow.component.html.Span.class, spec -> spec.withText(
                "Logo, colours and fonts of the investor app, with a live preview."))).isNotNull();
        assertThat(_get(com.vaadin.flow.component.html.Span.class, spec -> spec.withText(
                "Asset classes, order limits, SIPs, restricted tickers and trading hours."))).isNotNull();
        for (var duplicate : List.of("Branding", "Investment rules")) {
            com.github.mvysny.kaributesting.v10.LocatorJ._assertNone(com.vaadin.flow.router.RouterLink.class,
                    spec -> spec.withText(duplicate));
        }
    }

    @Test
    void the_operators_tenants_grid_shows_checklist_progress() {
        login(OPERATOR);
        navigate("tenants");
        _setValue(_get(TextField.class, spec -> spec.withLabel("Slug")), tenant.slug().value());
        @SuppressWarnings("unchecked")
        Grid<TenantSummary> grid = _get(Grid.class);
        assertThat(GridKt._size(grid)).isEqualTo(1);
        assertThat(GridKt._getFormattedRow(grid, 0)).last().isEqualTo("2/6");
    }
}
