package io.concierge.browser;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.concierge.security.ConsoleUserService;
import io.concierge.security.Role;
import io.concierge.support.TestTenants;
import io.concierge.tenant.TenantService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

class PartnerAdminBrandingBrowserTest extends BrowserTest {

    @Autowired
    TenantService tenants;

    @Autowired
    ConsoleUserService users;

    @Test
    void a_partner_admin_changes_the_primary_colour_sees_the_preview_change_saves_and_finds_the_version_in_history() {
        var tenant = TestTenants.active(tenants, uniqueSlug("brand"));
        var admin = tenant.slug().value().replace('_', '-') + "-admin";
        signIn(OPERATOR);
        users.createWithPassword(admin, "partner-password", Role.PARTNER_ADMIN, tenant.id(), tenant.slug());

        signInAs(admin, "partner-password");
        page.navigate(url("tenants/" + tenant.slug().value() + "/branding"));
        var primary = page.getByLabel("Primary colour", new Page.GetByLabelOptions().setExact(true));
        primary.fill("#1F4E79");
        primary.press("Tab");
        assertThat(page.locator(".brand-preview").first()).hasAttribute("style",
                Pattern.compile("--brand-primary:\\s*#1F4E79", Pattern.CASE_INSENSITIVE));

        page.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Page.GetByRoleOptions()
                .setName("Review and save…")).click();
        var dialog = page.getByRole(AriaRole.DIALOG);
        assertThat(dialog).containsText("#1F4E79");
        dialog.getByRole(AriaRole.TEXTBOX).fill("Brand refresh for the launch");
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save").setExact(true)).click();

        assertThat(page.getByText("Branding saved as version 1.")).isVisible();
        page.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Page.GetByRoleOptions().setName("History")).click();
        assertThat(page.getByRole(AriaRole.DIALOG).getByText("Brand refresh for the launch").first()).isVisible();
    }
}
