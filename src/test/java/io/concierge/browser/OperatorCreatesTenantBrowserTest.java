package io.concierge.browser;

import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

class OperatorCreatesTenantBrowserTest extends BrowserTest {

    @Test
    void an_operator_signs_in_creates_a_tenant_and_sees_it_become_active() {
        signInAs("ops", "ops-test-password");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Tenants"))).isVisible();

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New tenant")).click();
        var slug = uniqueSlug("e2e");
        var dialog = page.getByRole(AriaRole.DIALOG);
        dialog.getByLabel("Slug").fill(slug);
        dialog.getByLabel("Display name").fill("Browser Bank");
        dialog.getByLabel("Contact email").fill("ops@browser.example");
        dialog.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions()
                .setName("Create tenant")).click();

        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Browser Bank"))).isVisible();
        // provisioning runs in the background; the page follows it through server push, without a reload
        assertThat(page.locator(".status-badge").first()).hasText("Active",
                new LocatorAssertions.HasTextOptions().setTimeout(60_000));
    }
}
