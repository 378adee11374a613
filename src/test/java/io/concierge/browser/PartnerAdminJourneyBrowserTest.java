package io.concierge.browser;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.concierge.security.ConsoleUserService;
import io.concierge.support.TestTenants;
import io.concierge.tenant.TenantService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/** An invited partner admin's first hour: own password, checklist, the three areas, a refused tenant. */
class PartnerAdminJourneyBrowserTest extends BrowserTest {

    @Autowired
    TenantService tenants;

    @Autowired
    ConsoleUserService users;

    @Test
    void an_invited_partner_admin_chooses_a_password_and_walks_their_tenant_without_an_error_in_the_log() {
        var tenant = TestTenants.active(tenants, uniqueSlug("pajourney"));
        var other = TestTenants.active(tenants, uniqueSlug("paother"));
        var admin = tenant.slug().value().replace('_', '-') + "-admin";
        signIn(OPERATOR);
        var oneTime = users.invitePartnerAdmin(admin, tenant.id(), tenant.slug());

        signInAs(admin, oneTime);
        page.waitForTimeout(500);
        shoot("partner-01-choose-password");
        chooseOwnPassword(oneTime, "our brand goes live in spring");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Your go-live checklist")))
                .isVisible();
        assertNoDevelopmentTools();
        page.waitForTimeout(500);
        shoot("partner-02-home");

        open("tenants/" + tenant.slug().value(), tenant.displayName());
        shoot("partner-03-tenant");
        open("tenants/" + tenant.slug().value() + "/branding", "Branding");
        shoot("partner-04-branding");
        open("tenants/" + tenant.slug().value() + "/rules", "Investment rules");
        shoot("partner-05-rules");
        open("tenants/" + tenant.slug().value() + "/access", "Roles & permissions");
        shoot("partner-06-access");
        assertFitsAtBothSizes(".concierge-matrix-role");
        open("audit", "Audit log");
        shoot("partner-07-audit");
        assertFitsAtBothSizes(null);
        open("tenants/" + other.slug().value(), "You do not have access to this page");
        assertThat(page.locator("vaadin-side-nav")).isVisible();
        shoot("partner-08-refused");
        open("account", "Your account");
        shoot("partner-09-account");
    }
}
