package io.concierge.browser;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/** An operator's first hour: home, tenants, a refused slug, a new tenant, users, publishing, fleet, audit. */
class OperatorJourneyBrowserTest extends BrowserTest {

    @Autowired
    MeterRegistry meters;

    @Test
    void an_operator_walks_every_page_without_an_error_in_the_log() {
        signInAs("ops", "ops-test-password");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Tenants by status")))
                .isVisible();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Needs attention")))
                .isVisible();
        assertNoDevelopmentTools();
        page.waitForTimeout(500);
        shoot("operator-01-home");

        page.locator("a.home-number[href='tenants?status=ACTIVE']").first().click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Tenants"))).isVisible();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New tenant")).click();
        var dialog = page.getByRole(AriaRole.DIALOG);
        var slug = dialog.getByLabel("Slug");
        slug.fill("a_slug_that_is_far_too_long_for_a_schema");
        slug.press("Tab");
        assertThat(dialog.getByText("Slug must be 3 to 30 characters long (it has 40).")).isVisible();
        shoot("operator-02-slug-too-long");
        var good = uniqueSlug("tour");
        slug.fill(good);
        dialog.getByLabel("Display name").fill("Tour Bank");
        dialog.getByLabel("Contact email").fill("ops@tour.example");
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create tenant")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Tour Bank"))).isVisible();
        assertThat(page.locator(".status-badge").first()).hasText("Active",
                new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions().setTimeout(60_000));
        page.waitForTimeout(500);
        shoot("operator-03-tenant");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Offboard")).click();
        assertThat(page.getByRole(AriaRole.DIALOG)).containsText("This cannot be undone.");
        shoot("operator-04-offboard-confirm");
        page.getByRole(AriaRole.DIALOG).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Cancel"))
                .click();

        open("tenants", "Tenants");
        shoot("operator-05-tenants");
        assertFitsAtBothSizes(null);
        open("users", "Console users");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New staff user")).click();
        page.getByRole(AriaRole.DIALOG).getByLabel("Username").fill("tour" + good.substring(good.length() - 8));
        page.getByRole(AriaRole.DIALOG).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create"))
                .click();
        assertThat(page.getByRole(AriaRole.DIALOG).getByRole(AriaRole.BUTTON,
                new Locator.GetByRoleOptions().setName("Copy"))).isVisible();
        shoot("operator-06-one-time-password");
        page.getByRole(AriaRole.DIALOG).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Done"))
                .click();
        shoot("operator-07-users");
        assertFitsAtBothSizes(null);
        open("publishing", "Publishing");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Rebuild whole cache")).click();
        assertThat(page.getByRole(AriaRole.DIALOG)).containsText("Every tenant's keys in Redis are written again");
        shoot("operator-08-rebuild-confirm");
        page.getByRole(AriaRole.DIALOG).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Cancel"))
                .click();
        open("fleet", "Schema upgrades");
        shoot("operator-09-fleet");
        open("audit", "Audit log");
        shoot("operator-10-audit");
        assertFitsAtBothSizes(null);
        open("account", "Your account");
        shoot("operator-11-account");
        open("no/such/page", "No such page");
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Go to the home page")))
                .isVisible();
        shoot("operator-12-no-such-page");

        // every request was timed and tagged with the view on screen (no exception on push connects any more)
        org.assertj.core.api.Assertions.assertThat(meters.find("concierge.view.requests").tag("view", "TenantsView")
                .timer()).as("timer for TenantsView").isNotNull();
    }
}
