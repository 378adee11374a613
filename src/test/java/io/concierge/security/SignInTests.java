package io.concierge.security;

import io.concierge.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

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

/** Sign-in through the real login form over HTTP: passwords, CSRF, pauses, deactivation. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SignInTests extends IntegrationTest {

    private static final Pattern META = Pattern.compile("<meta name=\"(_csrf(?:_parameter)?)\" content=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    @Autowired
    ConsoleUserService users;
    @Autowired
    JdbcTemplate jdbc;

    /** Every test here signs in from 127.0.0.1, as the browser tests do: its address count must not carry over. */
    @AfterEach
    void forgetFailuresFromThisMachine() {
        jdbc.update("DELETE FROM concierge.sign_in_address WHERE client_address = '127.0.0.1'");
    }

    @Test
    void a_user_signs_in_with_the_right_password() throws Exception {
        var username = newAuditor();
        var password = users.resetPassword(username);
        assertThat(login(username, password)).isEqualTo("/");
    }

    @Test
    void a_wrong_password_is_refused() throws Exception {
        var username = newAuditor();
        assertThat(login(username, "wrong")).isEqualTo("/login?error");
    }

    @Test
    void a_cross_site_post_to_the_login_url_without_the_token_is_refused() throws Exception {
        var username = newAuditor();
        var password = users.resetPassword(username);
        var client = client();
        // what a foreign page's auto-submitting form does: the victim's browser posts the attacker's credentials
        var forged = post(client, "/login", form(username, password, null));
        assertThat(forged.statusCode()).isEqualTo(403);
        // dressed up as a Vaadin request, which carries Vaadin's own token and is exempt from Spring's
        var disguised = post(client, "/login?v-r=uidl&v-uiId=0", form(username, password, null));
        assertThat(disguised.statusCode()).isEqualTo(403);
        var home = client.send(HttpRequest.newBuilder(uri("/")).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(home.headers().firstValue("Location")).as("not signed in").hasValueSatisfying(
                l -> assertThat(l).endsWith("/login"));
        // the same browser, with the token the login page gave it, signs in
        assertThat(login(username, password)).isEqualTo("/");
    }

    @Test
    void five_failures_pause_that_username_from_that_address_even_for_the_right_password() throws Exception {
        var username = newAuditor();
        var password = users.resetPassword(username);
        for (int i = 0; i < 5; i++) {
            assertThat(login(username, "wrong-" + i)).isEqualTo("/login?error");
        }
        assertThat(login(username, password)).as("paused").isEqualTo("/login?error");
        signIn(OPERATOR);
        assertThat(users.list()).filteredOn(u -> u.username().equals(username))
                .singleElement().satisfies(u -> assertThat(u.locked()).as("shown as paused").isTrue());

        users.resetPassword(username);
        assertThat(users.list()).filteredOn(u -> u.username().equals(username))
                .singleElement().satisfies(u -> assertThat(u.locked()).as("a reset lifts the pause").isFalse());
    }

    @Test
    void a_deactivated_user_cannot_sign_in() throws Exception {
        var username = newAuditor();
        var password = users.resetPassword(username);
        users.deactivate(username);
        assertThat(login(username, password)).isEqualTo("/login?error");
    }

    @Test
    void management_endpoints_other_than_health_need_authentication() throws Exception {
        var client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        var health = client.send(HttpRequest.newBuilder(uri("/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        var env = client.send(HttpRequest.newBuilder(uri("/actuator/env")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(env.statusCode()).isIn(302, 401, 403);
    }

    private String newAuditor() {
        signIn(OPERATOR);
        var username = "aud" + uniqueSlug("x").substring(2, 12).replace("_", "");
        users.createStaff(username, Role.AUDITOR);
        return username;
    }

    /**
     * Opens the login page and posts the form like the browser does: with the CSRF token from the page's meta
     * tags, which Vaadin's login form copies into its form. Returns where the console redirects.
     */
    private String login(String username, String password) throws IOException, InterruptedException {
        var client = client();
        var page = client.send(HttpRequest.newBuilder(uri("/login")).build(), HttpResponse.BodyHandlers.ofString());
        String parameter = null;
        String token = null;
        var meta = META.matcher(page.body());
        while (meta.find()) {
            if (meta.group(1).equals("_csrf_parameter")) {
                parameter = meta.group(2);
            } else {
                token = meta.group(2);
            }
        }
        assertThat(parameter).as("the login page names the CSRF parameter").isEqualTo("_csrf");
        assertThat(token).as("the login page carries a CSRF token").isNotBlank();
        var response = post(client, "/login", form(username, password, token));
        assertThat(response.statusCode()).isEqualTo(302);
        var location = URI.create(response.headers().firstValue("Location").orElseThrow());
        return location.getRawPath() + (location.getRawQuery() == null ? "" : "?" + location.getRawQuery());
    }

    private static String form(String username, String password, String csrf) {
        return "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)
                + (csrf == null ? "" : "&_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8));
    }

    private HttpResponse<String> post(HttpClient client, String path, String body)
            throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpClient client() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
