package io.concierge.browser;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.concierge.security.Role;
import io.concierge.security.SingleSignOnService;
import io.concierge.support.TestIdentityProvider;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ContextConfiguration;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.concierge.support.TestIdentityProvider.PROVIDER;

/** An operator signs in through the company's identity provider: the button, the provider's form, the console. */
@ContextConfiguration(initializers = TestIdentityProvider.class)
class SingleSignOnBrowserTest extends BrowserTest {

    @Autowired
    SingleSignOnService sso;

    @Test
    void an_operator_clicks_the_provider_button_signs_in_at_the_provider_and_lands_in_the_console_as_operator() {
        signIn(OPERATOR);
        sso.rules().stream().filter(r -> r.provider().equals(PROVIDER)).forEach(r -> sso.removeRule(r.id()));
        sso.addRule(PROVIDER, null, "ops-team", Role.OPERATOR, null);

        page.navigate(url("login"));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in with Test IdP")).click();
        page.waitForURL(u -> u.startsWith(TestIdentityProvider.server().issuer()));
        page.locator("#username").fill("ana-ops");
        page.locator("#password").fill("ana-password");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();

        page.waitForURL(u -> u.startsWith(url("")) && !u.contains("/login"));
        assertThat(page.locator(".concierge-user").last()).containsText("ana-ops · operator");
        page.navigate(url("users"));
        assertThat(page.getByText("Console users")).isVisible();
    }
}
