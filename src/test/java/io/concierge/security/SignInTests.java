package io.concierge.security;

import io.concierge.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Sign-in through the real login form over HTTP: passwords, lockout, deactivation. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SignInTests extends IntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    ConsoleUserService users;

    @Test
    void a_user_signs_in_with_the_right_password() throws Exception {
        var username = newAuditor();
        signIn(OPERATOR);
        var password = users.resetPassword(username);
        assertThat(login(username, password)).isEqualTo("/");
    }

    @Test
    void a_wrong_password_is_refused() throws Exception {
        var username = newAuditor();
        assertThat(login(username, "wrong")).isEqualTo("/login?error");
    }

    @Test
    void an_account_is_locked_after_five_failures_even_for_the_right_password() throws Exception {
        var username = newAuditor();
        signIn(OPERATOR);
        var password = users.resetPassword(username);
        for (int i = 0; i < 5; i++) {
            assertThat(login(username, "wrong-" + i)).isEqualTo("/login?error");
        }
        assertThat(login(username, password)).as("locked account").isEqualTo("/login?error");
        assertThat(users.list()).filteredOn(u -> u.username().equals(username))
                .singleElement().satisfies(u -> assertThat(u.locked()).isTrue());

        users.resetPassword(username);
        assertThat(users.list()).filteredOn(u -> u.username().equals(username))
                .singleElement().satisfies(u -> assertThat(u.locked()).as("a reset unlocks").isFalse());
    }

    @Test
    void a_deactivated_user_cannot_sign_in() throws Exception {
        var username = newAuditor();
        signIn(OPERATOR);
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

    /** Posts the login form like a browser and returns where the console redirects. */
    private String login(String username, String password) throws IOException, InterruptedException {
        var client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        client.send(HttpRequest.newBuilder(uri("/login")).build(), HttpResponse.BodyHandlers.discarding());
        var form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        var response = client.send(HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(response.statusCode()).isEqualTo(302);
        var location = response.headers().firstValue("Location").orElseThrow();
        return URI.create(location).getRawPath() + (URI.create(location).getRawQuery() == null ? "" : "?" + URI.create(location).getRawQuery());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
