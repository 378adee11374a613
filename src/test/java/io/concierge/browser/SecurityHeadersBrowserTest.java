package io.concierge.browser;

import com.microsoft.playwright.ConsoleMessage;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.concierge.security.Actors;
import io.concierge.tenant.NewTenant;
import io.concierge.tenant.TenantService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Security headers and the session cookie as a browser receives them, and proof in Chromium that the console
 * still works under its Content-Security-Policy: the login page and an editor (typing, review dialog, save, the
 * server-pushed notification) without a single CSP violation in the console.
 */
class SecurityHeadersBrowserTest extends BrowserTest {

    @Autowired
    TenantService tenants;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void pages_carry_csp_referrer_and_permissions_policies_and_the_session_cookie_is_lax_http_only_and_never_in_a_url()
            throws Exception {
        var redirect = get("");
        assertThat(redirect.statusCode()).as("an anonymous visitor is sent to the login page").isEqualTo(302);
        assertThat(redirect.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location)
                .endsWith("/login").doesNotContainIgnoringCase("jsessionid"));

        var login = get("login");
        assertThat(login.statusCode()).isEqualTo(200);
        var headers = login.headers();
        assertThat(headers.firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("default-src 'self'", "object-src 'none'", "frame-ancestors 'none'", "base-uri 'self'",
                        "form-action 'self'", "connect-src 'self'"));
        assertThat(headers.firstValue("Referrer-Policy")).hasValue("same-origin");
        assertThat(headers.firstValue("Permissions-Policy")).hasValueSatisfying(policy -> assertThat(policy)
                .contains("camera=()", "microphone=()", "geolocation=()", "payment=()"));
        assertThat(headers.firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(headers.firstValue("X-Frame-Options")).hasValue("DENY");
        var cookie = headers.allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst();
        assertThat(cookie).as("the login page opens a session").hasValueSatisfying(c -> assertThat(c)
                .containsIgnoringCase("; HttpOnly").containsIgnoringCase("; SameSite=Lax"));
        assertThat(login.body()).doesNotContainIgnoringCase(";jsessionid=");

        var health = get("actuator/health");
        assertThat(health.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("default-src 'none'"));
        assertThat(health.headers().allValues("Set-Cookie")).as("probes open no session").isEmpty();
    }

    @Test
    void the_login_page_and_an_editor_work_in_chromium_without_any_csp_violation() {
        var violations = new ArrayList<String>();
        page.onConsoleMessage(message -> collect(violations, message));
        page.onPageError(error -> violations.add("page error: " + error));
        var tenant = Actors.callAs(OPERATOR, () -> tenants.register(new NewTenant(uniqueSlug("csp"), "CSP Partner",
                "ops@csp.example", null)).tenant());

        // the first page of a development-mode console took 52 s on this 2-core machine under a load of 40
        page.navigate(url("login"));
        page.locator("#vaadinLoginUsername input").waitFor(new Locator.WaitForOptions().setTimeout(180_000));
        signInAs("ops", "ops-test-password");
        page.navigate(url("tenants/" + tenant.slug().value() + "/rules"));
        var maximum = page.getByLabel("US stocks: maximum order (USD)");
        maximum.waitFor(new Locator.WaitForOptions().setTimeout(180_000));
        maximum.fill("20000");
        maximum.press("Tab");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Review and save…")).click();
        var dialog = page.getByRole(AriaRole.DIALOG);
        assertThat(dialog).containsText("20,000");
        dialog.getByRole(AriaRole.TEXTBOX).fill("Lower ceiling for the pilot");
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save").setExact(true)).click();
        assertThat(page.getByText("Investment rules saved as version 1.")).isVisible();
        page.navigate(url("tenants/" + tenant.slug().value() + "/branding"));
        assertThat(page.getByLabel("Primary colour", new Page.GetByLabelOptions().setExact(true))).isVisible();

        assertThat(violations).as("CSP violations and script errors in Chromium's console").isEmpty();
    }

    private static void collect(List<String> violations, ConsoleMessage message) {
        var text = message.text();
        if (text.contains("Content Security Policy") || text.contains("Content-Security-Policy")
                || text.contains("Permissions-Policy") || "error".equals(message.type()) && text.contains("Refused")) {
            violations.add(message.type() + ": " + text);
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).build(), HttpResponse.BodyHandlers.ofString());
    }
}
