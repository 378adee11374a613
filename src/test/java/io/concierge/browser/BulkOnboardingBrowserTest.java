package io.concierge.browser;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import io.concierge.tenant.TenantService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/** An operator uploads a 20-row CSV with 3 bad rows, reads the per-row report, fixes the file and runs it. */
class BulkOnboardingBrowserTest extends BrowserTest {

    @Autowired
    TenantService tenants;

    @Test
    void a_file_with_three_bad_rows_is_reported_row_by_row_and_the_corrected_file_creates_every_tenant() {
        var p = "w" + UUID.randomUUID().toString().replace("-", "").substring(0, 7);
        signInAs("ops", "ops-test-password");
        open("bulk-onboarding", "Bulk onboarding");

        upload("partners.csv", csv(p, true));
        var summary = page.locator(".bulk-file-summary");
        assertThat(summary).hasText("partners.csv: 3 errors; nothing was created. Correct the file and upload it again.");
        var errors = page.locator("vaadin-grid.bulk-errors");
        assertThat(errors).containsText("Slug must be 3 to 30 characters long");
        assertThat(errors).containsText("contactEmail");
        assertThat(errors).containsText("Slug '" + p + "_2' is also in row 2.");
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create tenants")))
                .isHidden();
        shoot("bulk-01-errors");
        signIn(OPERATOR);
        org.assertj.core.api.Assertions.assertThat(tenants.open(p + "_1")).isEmpty();

        upload("partners.csv", csv(p, false));
        assertThat(summary).containsText("is valid");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create tenants")).click();
        assertThat(page.locator(".bulk-job-summary")).hasText(
                "Finished: 20 created, 0 existed already, 0 failed.",
                new LocatorAssertions.HasTextOptions().setTimeout(240_000));
        assertThat(page.locator("vaadin-grid.bulk-rows")).containsText(p + "_1");
        shoot("bulk-02-finished");
    }

    private void upload(String name, String content) {
        var chooser = page.waitForFileChooser(() -> page.getByRole(AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Upload tenants file…")).click());
        chooser.setFiles(new FilePayload(name, "text/csv", content.getBytes(StandardCharsets.UTF_8)));
    }

    /** 20 rows; with {@code bad}, row 4's slug is too long, row 9's email is no address and row 15 repeats row 2's slug. */
    private static String csv(String p, boolean bad) {
        var out = new StringBuilder("slug,displayName,contactEmail\n");
        for (int i = 1; i <= 20; i++) {
            var slug = p + "_" + i;
            var email = "ops@" + p + i + ".example";
            if (bad && i == 4) {
                slug = p + "_a_slug_far_too_long_for_any_schema";
            }
            if (bad && i == 9) {
                email = "not an address";
            }
            if (bad && i == 15) {
                slug = p + "_2";
            }
            out.append(slug).append(",Partner ").append(i).append(',').append(email).append('\n');
        }
        return out.toString();
    }
}
