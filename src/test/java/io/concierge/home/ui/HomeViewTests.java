package io.concierge.home.ui;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.sidenav.SideNavItem;
import io.concierge.security.Actors;
import io.concierge.support.KaribuTest;
import io.concierge.support.TestTenants;
import io.concierge.tenant.NewTenant;
import io.concierge.tenant.TenantService;
import io.concierge.tenant.TenantStatus;
import io.concierge.tenant.TenantSummary;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.stream.IntStream;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

/** Each persona's home page, and that its numbers lead to the list behind them. */
class HomeViewTests extends KaribuTest {

    @Autowired
    TenantService tenants;

    @Test
    void an_operator_sees_tenants_by_status_and_each_number_opens_the_filtered_list() {
        var tenant = TestTenants.active(tenants, uniqueSlug("homeop"));
        var counts = Actors.callAs(OPERATOR, tenants::countByStatus);
        login(OPERATOR);
        navigate("");

        var byStatus = card("Tenants by status");
        var active = number(byStatus, "tenants?status=ACTIVE");
        assertThat(Long.parseLong(active.getText())).isEqualTo(counts.get(TenantStatus.ACTIVE)).isPositive();
        navigate(active.getHref());
        @SuppressWarnings("unchecked")
        Grid<TenantSummary> grid = _get(Grid.class);
        assertThat(GridKt._size(grid)).isEqualTo(counts.get(TenantStatus.ACTIVE).intValue());
        assertThat(IntStream.range(0, Math.min(50, GridKt._size(grid))).mapToObj(i -> GridKt._get(grid, i)))
                .allMatch(t -> t.status() == TenantStatus.ACTIVE);
        assertThat(tenant.status()).isEqualTo(TenantStatus.ACTIVE);
    }

    @Test
    void an_operator_sees_what_needs_attention_the_funnel_and_recent_activity() {
        Actors.runAs(OPERATOR, () -> tenants.register(new NewTenant(uniqueSlug("homeact"), "Home Activity",
                "ops@home.example", null)));
        login(OPERATOR);
        navigate("");

        var attention = card("Needs attention");
        assertThat(number(attention, "tenants?status=FAILED").getText()).matches("\\d+");
        assertThat(number(attention, "fleet").getText()).matches("\\d+");
        assertThat(number(attention, "publishing?state=failing").getText()).matches("\\d+");
        assertThat(number(attention, "publishing?state=pending").getText()).matches("\\d+");

        var funnel = card("Go-live funnel");
        assertThat(_find(funnel, Div.class, spec -> spec.withClasses("funnel-step"))).hasSize(6);
        var recent = card("Recent activity");
        assertThat(_find(recent, Div.class, spec -> spec.withClasses("recent-entry")))
                .anySatisfy(row -> assertThat(row.getElement().getTextRecursively()).contains("Tenant created"));

        navigate(number(attention, "publishing?state=failing").getHref());
        assertThat(currentView().getClass().getSimpleName()).isEqualTo("PublishingView");
    }

    @Test
    void a_partner_admin_sees_their_checklist_and_their_tenants_recent_changes_only() {
        var own = TestTenants.active(tenants, uniqueSlug("homepa"));
        TestTenants.active(tenants, uniqueSlug("homeother"));
        login(partnerAdmin(own.id(), own.slug()));
        navigate("");

        var checklist = card("Your go-live checklist");
        assertThat(_find(checklist, Div.class, spec -> spec.withClasses("checklist-item"))).hasSize(6);
        _get(checklist, Anchor.class, spec -> spec.withText("Branding set"));
        var recent = card("Recent changes");
        assertThat(_find(recent, Div.class, spec -> spec.withClasses("recent-entry")))
                .isNotEmpty()
                .allSatisfy(row -> assertThat(row.getElement().getTextRecursively()).contains(own.slug().value()));
        assertThat(_get(recent, Anchor.class, spec -> spec.withText("Open the audit log")).getHref())
                .isEqualTo("audit?tenant=" + own.slug().value());
        assertThat(_find(H3.class, spec -> spec.withText("Tenants by status"))).isEmpty();

        // the menu leads straight to their tenant and its three areas, right after the home page
        var base = "tenants/" + own.slug().value();
        var menu = _find(SideNavItem.class);
        assertThat(menu).extracting(SideNavItem::getLabel).containsSubsequence("Home",
                "Your tenant", "Branding", "Investment rules", "Roles & permissions");
        assertThat(menu).filteredOn(i -> i.getLabel().equals("Branding")).singleElement()
                .satisfies(i -> assertThat(i.getPath()).endsWith(base + "/branding"));
        assertThat(menu).filteredOn(i -> i.getLabel().equals("Roles & permissions")).singleElement()
                .satisfies(i -> assertThat(i.getPath()).endsWith(base + "/access"));
    }

    @Test
    void an_auditor_sees_recent_changes_and_verifies_the_histories_integrity() {
        login(AUDITOR);
        navigate("");
        card("Recent changes");
        var integrity = card("Integrity of the audit history");
        _click(_get(integrity, Button.class, spec -> spec.withText("Verify integrity now")));
        assertThat(_get(integrity, Paragraph.class, spec -> spec.withClasses("integrity-intact")).getText())
                .startsWith("Intact: ");
        assertThat(_find(H3.class, spec -> spec.withText("Needs attention"))).isEmpty();
    }

    private static Div card(String title) {
        return (Div) _get(H3.class, spec -> spec.withPredicate(c -> c.getElement().getTextRecursively().contains(title))).getParent().orElseThrow();
    }

    private static Anchor number(Div card, String href) {
        return _get(card, Anchor.class, spec -> spec.withClasses("home-number")
                .withPredicate(a -> a.getHref().equals(href)));
    }
}
