package io.concierge.security.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.sidenav.SideNav;
import io.concierge.audit.AuditAction;
import io.concierge.audit.AuditEntry;
import io.concierge.audit.AuditFilter;
import io.concierge.audit.AuditLog;
import io.concierge.support.KaribuTest;
import io.concierge.support.TestTenants;
import io.concierge.tenant.TenantService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

/** Refused and unknown addresses are pages of the console, with its menu and a way home. */
class ErrorPagesTests extends KaribuTest {

    @Autowired
    TenantService tenants;

    @Autowired
    AuditLog audit;

    @Test
    void an_unknown_address_shows_no_such_page_inside_the_console() {
        login(OPERATOR);
        assertNoSuchPage("no/such/page");
        _get(Paragraph.class, spec -> spec.withPredicate(c -> c.getElement().getTextRecursively().contains("There is no page at '/no/such/page'")));
        _get(SideNav.class);
        _click(_get(Button.class, spec -> spec.withText("Go to the home page")));
        assertThat(currentView().getClass().getSimpleName()).isEqualTo("HomeView");
    }

    @Test
    void an_operator_opening_a_tenant_that_does_not_exist_is_told_so() {
        login(OPERATOR);
        assertNoSuchPage("tenants/no_such_tenant");
        _get(Paragraph.class, spec -> spec.withPredicate(c -> c.getElement().getTextRecursively().contains("No tenant 'no_such_tenant'.")));
    }

    @Test
    void a_page_refused_by_role_is_shown_inside_the_console_and_recorded_in_the_audit_history() {
        var tenant = TestTenants.active(tenants, uniqueSlug("refuse"));
        var admin = partnerAdmin(tenant.id(), tenant.slug());
        login(admin);
        assertRefused("users");
        _get(SideNav.class);

        login(AUDITOR);
        var refused = audit.page(new AuditFilter(null, admin.username(), AuditAction.ACCESS_REFUSED, null, null, null,
                null), null, 5);
        assertThat(refused).extracting(AuditEntry::target).contains("open page '/users'");
    }
}
