package io.concierge.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser without a screen: one cookie jar, redirects followed by hand, the provider's login form filled in.
 * It walks the real authorization code flow between the console and the test provider.
 */
public final class OidcBrowser {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final String console;

    public OidcBrowser(int consolePort) {
        this.console = "http://127.0.0.1:" + consolePort;
    }

    /** The console's first redirect to the provider: the authorization request, as the browser sees it. */
    public URI startSignIn(String provider) throws IOException, InterruptedException {
        return URI.create(location(get(URI.create(console + "/oauth2/authorization/" + provider))));
    }

    /**
     * Clicks the provider's button, signs in at the provider's form, and returns where the console finally
     * sends the browser (path and query), e.g. {@code /} or {@code /login?error=sso&reason=unmapped}.
     */
    public String signIn(String provider, String username, String password) throws IOException, InterruptedException {
        var authorize = startSignIn(provider);
        var toLogin = get(authorize);
        assertThat(toLogin.statusCode()).as("the provider asks who you are").isEqualTo(302);
        var loginPage = URI.create(location(toLogin));
        var form = client.send(HttpRequest.newBuilder(loginPage).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString());
        var csrf = CSRF.matcher(form.body());
        assertThat(csrf.find()).as("the provider's login form").isTrue();
        var posted = client.send(HttpRequest.newBuilder(loginPage)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + enc(username) + "&password=" + enc(password)
                        + "&_csrf=" + enc(csrf.group(1)))).build(), HttpResponse.BodyHandlers.discarding());
        var next = URI.create(location(posted));
        var callback = get(next);
        var toConsole = URI.create(location(callback));
        assertThat(toConsole.toString()).as("the provider sends the browser back to the console")
                .startsWith(console + "/login/oauth2/code/" + provider);
        return path(URI.create(location(get(toConsole))));
    }

    /** A page of the console with this browser's session: its status (200 signed in, 302 to the login). */
    public HttpResponse<Void> open(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(console + path)).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.discarding());
    }

    /** The provider's back-channel call, server to server: no browser cookies. */
    public static int backChannelLogout(int consolePort, String provider, String logoutToken)
            throws IOException, InterruptedException {
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + consolePort + "/logout/connect/back-channel/" + provider))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("logout_token=" + enc(logoutToken))).build(),
                HttpResponse.BodyHandlers.discarding());
        return response.statusCode();
    }

    public static String path(URI uri) {
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    public static String location(HttpResponse<?> response) {
        assertThat(response.statusCode()).as("a redirect from " + response.uri()).isEqualTo(302);
        var location = response.headers().firstValue("Location").orElseThrow();
        return response.uri().resolve(location).toString();
    }

    private HttpResponse<Void> get(URI uri) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.discarding());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
