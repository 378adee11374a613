package io.concierge.browser;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.concierge.access.AccessService;
import io.concierge.access.AccessTestTenants;
import io.concierge.changes.ApprovalPolicies;
import io.concierge.configuration.ConfigArea;
import io.concierge.publishing.PublishingService;
import io.concierge.publishing.internal.TenantKeys;
import io.concierge.security.Actors;
import io.concierge.security.ConsoleUserService;
import io.concierge.security.CurrentUser;
import io.concierge.security.Role;
import io.concierge.tenant.TenantService;
import io.concierge.tenant.TenantSummary;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.time.Duration;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Four eyes in Chromium: a partner admin proposes a matrix change and cannot approve it; a second partner admin of
 * the tenant approves it; the platform's {@code SISMEMBER} answers the new grant only then.
 */
class FourEyesBrowserTest extends BrowserTest {

    @Autowired
    TenantService tenants;
    @Autowired
    AccessService access;
    @Autowired
    ConsoleUserService users;
    @Autowired
    ApprovalPolicies policies;
    @Autowired
    PublishingService publishing;
    @Autowired
    StringRedisTemplate redis;

    @Test
    void a_partner_admin_proposes_a_matrix_change_a_second_one_approves_and_redis_changes_only_then() {
        var tenant = Actors.callAs(CurrentUser.SYSTEM, () -> AccessTestTenants.activeTenant(tenants, access));
        var slug = tenant.slug().value();
        var admin = slug.replace('_', '-') + "-admin";
        var reviewer = slug.replace('_', '-') + "-reviewer";
        Actors.runAs(OPERATOR, () -> {
            users.createWithPassword(admin, "partner-password", Role.PARTNER_ADMIN, tenant.id(), tenant.slug());
            users.createWithPassword(reviewer, "reviewer-password", Role.PARTNER_ADMIN, tenant.id(), tenant.slug());
            policies.set(tenant.id(), ConfigArea.ACCESS, 1, "Four eyes on roles");
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> Actors.callAs(CurrentUser.SYSTEM,
                () -> publishing.isUpToDate(tenant.id())));
        org.assertj.core.api.Assertions.assertThat(granted(tenant)).isFalse();

        signInAs(admin, "partner-password");
        open("tenants/" + slug + "/access", "Roles & permissions");
        page.locator("vaadin-checkbox[aria-label='Advisor: orders:cancel']").click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Review and save…")).click();
        var dialog = page.getByRole(AriaRole.DIALOG);
        assertThat(dialog).containsText("orders:cancel");
        dialog.getByRole(AriaRole.TEXTBOX).fill("Advisors may cancel orders");
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save").setExact(true)).click();
        assertThat(page.getByText("is waiting for 1 approval").first()).isVisible();
        page.getByText("Open change request #").first().click();
        assertThat(page.getByText("You proposed this change; someone else must approve it.")).isVisible();
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Approve"))).hasCount(0);
        shoot("four-eyes-01-proposed");
        var request = page.url().substring(page.url().lastIndexOf('/') + 1);
        org.assertj.core.api.Assertions.assertThat(granted(tenant)).as("the platform sees no proposal").isFalse();

        page.context().clearCookies();
        signInAs(reviewer, "reviewer-password");
        open("changes/" + request, "Change request #" + request + " · Roles and permissions of " + slug);
        assertThat(page.getByText("Advisor gains orders:cancel")).isVisible();
        org.assertj.core.api.Assertions.assertThat(granted(tenant)).as("not before the approval").isFalse();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Approve")).click();
        assertThat(page.locator(".concierge-change-state")).hasText("Applied");
        shoot("four-eyes-02-approved");

        await().atMost(Duration.ofSeconds(10)).until(() -> granted(tenant));
    }

    private boolean granted(TenantSummary tenant) {
        return Boolean.TRUE.equals(redis.opsForSet().isMember(new TenantKeys(tenant.slug()).role("advisor"),
                "orders:cancel"));
    }
}
