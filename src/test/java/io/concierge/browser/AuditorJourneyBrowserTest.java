package io.concierge.browser;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.concierge.security.ConsoleUserService;
import io.concierge.security.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.UUID;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/** A new auditor's first hour: own password, recent changes, integrity, the audit log, as-of, a refused page. */
class AuditorJourneyBrowserTest extends BrowserTest {

    @Autowired
    ConsoleUserService users;

    @Test
    void a_new_auditor_chooses_a_password_and_reads_without_an_error_in_the_log() {
        signIn(OPERATOR);
        var auditor = "aud" + UUID.randomUUID().toString().substring(0, 8);
        var oneTime = users.createStaff(auditor, Role.AUDITOR);

        signInAs(auditor, oneTime);
        chooseOwnPassword(oneTime, "every change has a witness");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Recent changes")))
                .isVisible();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Verify integrity now")).click();
        assertThat(page.locator(".integrity-intact")).containsText("Intact:");
        assertNoDevelopmentTools();
        shoot("auditor-01-home");

        open("tenants", "Tenants");
        shoot("auditor-02-tenants");
        open("audit", "Audit log");
        shoot("auditor-03-audit");
        assertFitsAtBothSizes(null);
        open("audit/as-of", "Configuration as of a moment");
        shoot("auditor-04-as-of");
        open("publishing", "Publishing");
        shoot("auditor-05-publishing");
        open("users", "You do not have access to this page");
        shoot("auditor-06-refused");
    }
}
