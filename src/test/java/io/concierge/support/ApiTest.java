package io.concierge.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.concierge.security.ApiTokenService;
import io.concierge.security.ConsoleUserService;
import io.concierge.security.CurrentUser;
import io.concierge.security.Role;
import io.concierge.tenant.TenantSummary;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.core.context.SecurityContextHolder;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Base of the API's tests: the whole application on a random port (one context with the other HTTP tests), called
 * over real HTTP with real tokens issued the way users issue them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ApiTest extends IntegrationTest {

    protected static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @LocalServerPort
    protected int port;
    @Autowired
    protected ApiTokenService apiTokens;
    @Autowired
    protected ConsoleUserService consoleUsers;

    /** An answer of the API: status, headers and the body (as JSON when it is JSON). */
    public record Answer(int status, HttpHeaders headers, String body) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    /** A personal access token of the bootstrap operator 'ops', valid for 30 days. */
    protected String operatorToken() {
        return tokenOf(OPERATOR);
    }

    /** A personal access token of a console user of that name and role, created when missing. */
    protected String tokenOf(CurrentUser user) {
        if (!consoleUsers.exists(user.username())) {
            signIn(CurrentUser.SYSTEM);
            consoleUsers.createWithPassword(user.username(), "correct-horse-" + UUID.randomUUID(), user.role(),
                    user.tenant(), user.tenantSlug());
        }
        signIn(user);
        try {
            return apiTokens.createPersonal("test " + UUID.randomUUID(), LocalDate.now().plusDays(30)).secret();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    /** A token of the tenant's partner admin ({@code <slug>-admin}). */
    protected String partnerToken(TenantSummary tenant) {
        return tokenOf(partnerAdmin(tenant.id(), tenant.slug()));
    }

    protected String auditorToken() {
        return tokenOf(new CurrentUser("api-auditor", Role.AUDITOR, null, null));
    }

    protected Answer get(String path, String token) {
        return call("GET", path, token, null, Map.of());
    }

    protected Answer post(String path, String token, Object body) {
        return call("POST", path, token, body, Map.of());
    }

    protected Answer call(String method, String path, String token, Object body, Map<String, String> headers) {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        var all = new LinkedHashMap<>(headers);
        if (token != null) {
            all.put("Authorization", "Bearer " + token);
        }
        all.forEach(request::header);
        try {
            var text = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
            if (text != null) {
                request.header("Content-Type", "application/json");
            }
            request.method(method, text == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(text));
            var response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
