package io.concierge.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import io.concierge.support.IntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end tests in Debian's Chromium (installed by .ci/run), driven by Playwright against the running
 * console. Playwright never downloads a browser of its own here.
 * <p>
 * Every test also fails when the console logged an ERROR, or a stack trace from Vaadin or Atmosphere, while it
 * ran: normal use must log neither. {@link #shoot(String)} saves the page at 1366x768 and at 1920x1080 under
 * {@code target/screenshots/} for a reviewer.
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

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void openPage() {
        logged.start();
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(logged);
        page = browser.newPage(new Browser.NewPageOptions().setViewportSize(1366, 768));
        // the first page of a cold console on a busy 2-core machine can take most of a minute
        page.setDefaultTimeout(60_000);
    }

    /** Fails the test on any ERROR, or any logged stack trace, from the console during the journey. */
    @AfterEach
    void nothingWentWrongInTheLog() {
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(logged);
        logged.stop();
        assertThat(logged.list)
                // ERROR from anywhere; stack traces from the UI stack (where the push-connect traces were). Other
                // test classes' cached contexts share this JVM and its log, so their warnings are not this journey's.
                .filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.ERROR) || (e.getThrowableProxy() != null
                        && (e.getLoggerName().startsWith("com.vaadin") || e.getLoggerName().startsWith("org.atmosphere"))))
                .extracting(e -> e.getLevel() + " " + e.getLoggerName() + ": " + e.getFormattedMessage()
                        + (e.getThrowableProxy() == null ? "" : " (" + e.getThrowableProxy().getClassName() + ": "
                        + e.getThrowableProxy().getMessage() + ")"))
                .as("ERROR lines and stack traces the console logged during the journey")
                .isEmpty();
    }

    /**
     * Saves the current page at both reference sizes (the whole page, so anything cut off shows) as
     * {@code target/screenshots/<name>-1366x768.png} and {@code -1920x1080.png}, then returns to 1366x768.
     */
    protected void shoot(String name) {
        try {
            var shots = Path.of("target/screenshots");
            Files.createDirectories(shots);
            for (int[] size : new int[][]{{1920, 1080}, {1366, 768}}) {
                page.setViewportSize(size[0], size[1]);
                page.waitForTimeout(400);
                page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                        .setPath(shots.resolve(name + "-" + size[0] + "x" + size[1] + ".png")));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * At both reference sizes, no grid on the page scrolls sideways (its columns fit beside the menu) and no
     * element matching {@code uncut} (a header that must wrap) has text cut off. Returns to 1366x768.
     */
    protected void assertFitsAtBothSizes(String uncut) {
        for (int[] size : new int[][]{{1920, 1080}, {1366, 768}}) {
            page.setViewportSize(size[0], size[1]);
            page.waitForTimeout(600);
            var sideways = page.evaluate("() => Array.from(document.querySelectorAll('vaadin-grid'))"
                    + ".filter(g => g.offsetParent !== null && g.$ && g.$.table)"
                    // against the table's whole width: a vertical scrollbar may overlay the last few pixels
                    + ".map(g => g.$.table.scrollWidth - g.$.table.offsetWidth)");
            assertThat((List<?>) sideways).as("grids' sideways overflow (px) at " + size[0] + "x" + size[1])
                    .allSatisfy(px -> assertThat(((Number) px).intValue()).isLessThanOrEqualTo(1));
            if (uncut != null) {
                var cut = page.evaluate("s => Array.from(document.querySelectorAll(s))"
                        + ".filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.textContent)", uncut);
                assertThat((List<?>) cut).as("cut off at " + size[0] + "x" + size[1]).isEmpty();
            }
        }
    }

    /** Opens a console page by its path and waits for the heading the user looks for first. */
    protected void open(String path, String heading) {
        page.navigate(url(path));
        com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page.getByRole(
                com.microsoft.playwright.options.AriaRole.HEADING,
                new Page.GetByRoleOptions().setName(heading)).first()).isVisible();
        page.waitForTimeout(500);
    }

    /** No development-mode furniture (dev-tools toast, Copilot button) on the page. */
    protected void assertNoDevelopmentTools() {
        assertThat(page.locator("vaadin-dev-tools").count()).as("vaadin-dev-tools").isZero();
        assertThat(page.locator("copilot-main").count()).as("copilot-main").isZero();
    }

    /** The first sign-in with a one-time password: the console asks for a new one before anything else. */
    protected void chooseOwnPassword(String oneTime, String chosen) {
        com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page.getByRole(
                com.microsoft.playwright.options.AriaRole.HEADING,
                new Page.GetByRoleOptions().setName("Choose your own password"))).isVisible();
        page.getByLabel("One-time password").fill(oneTime);
        page.getByLabel("New password", new Page.GetByLabelOptions().setExact(true)).fill(chosen);
        page.getByLabel("Repeat the new password").fill(chosen);
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Change password")).click();
        page.waitForURL(u -> !u.contains("choose-password"));
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
