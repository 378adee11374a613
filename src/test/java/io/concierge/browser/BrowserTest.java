package io.concierge.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import io.concierge.support.IntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end tests in Debian's Chromium (installed by .ci/run), driven by Playwright against the running
 * console. Playwright never downloads a browser of its own here.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class BrowserTest extends IntegrationTest {

    private static final Path CHROMIUM = Path.of(System.getProperty("concierge.chromium", "/usr/bin/chromium"));

    private static Playwright playwright;
    private static Browser browser;
    protected Page page;

    @LocalServerPort
    int port;

    @BeforeAll
    static void startBrowser() {
        assertThat(CHROMIUM).as("Chromium for browser tests (apt-get install chromium)").exists();
        // the first page of a Vaadin app in development mode can take a while on a busy 2-core machine
        PlaywrightAssertions.setDefaultAssertionTimeout(30_000);
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(java.util.Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run")));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    @BeforeEach
    void openPage() {
        page = browser.newPage(new Browser.NewPageOptions().setViewportSize(1366, 900));
        page.setDefaultTimeout(30_000);
    }

    @AfterEach
    void closePage(org.junit.jupiter.api.TestInfo info) throws Exception {
        if (page != null) {
            var shots = Path.of("target/screenshots");
            Files.createDirectories(shots);
            page.screenshot(new Page.ScreenshotOptions().setPath(shots.resolve(info.getTestMethod()
                    .map(java.lang.reflect.Method::getName).orElse("page") + ".png")).setFullPage(true));
            page.close();
        }
    }

    protected String url(String path) {
        return "http://127.0.0.1:" + port + "/" + path;
    }

    protected void signInAs(String username, String password) {
        page.navigate(url("login"));
        page.locator("#vaadinLoginUsername input").fill(username);
        page.locator("#vaadinLoginPassword input").fill(password);
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Log in")).click();
        page.waitForURL(u -> !u.contains("/login"));
    }
}
