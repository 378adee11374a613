package io.concierge.security;

import io.concierge.audit.AuditAction;
import io.concierge.audit.AuditFilter;
import io.concierge.audit.AuditLog;
import io.concierge.support.ApiTest;
import io.concierge.support.TestTenants;
import io.concierge.tenant.TenantService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Who may call the API: personal access tokens and service accounts' tokens (issued, expired, revoked, killed with
 * their owner, rotated), the signed-in browser session with its CSRF token, the rate limit, and the audit record of
 * every token call.
 */
class ApiAccessTests extends ApiTest {

    private static final Pattern META = Pattern.compile("<meta name=\"(_csrf(?:_header)?)\" content=\"([^\"]+)\"");

    @Autowired
    TenantService tenants;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    AuditLog audit;

    @AfterEach
    void forgetFailuresFromThisMachine() {
        jdbc.update("DELETE FROM concierge.sign_in_address WHERE client_address = '127.0.0.1'");
    }

    @Test
    void no_token_a_made_up_one_and_a_malformed_header_are_401_problems() {
        var none = get("/api/v1/tenants", null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(none.header("Content-Type")).startsWith("application/problem+json");
        var forged = get("/api/v1/tenants", "cnc_pat_AAAAAAAAAAAA_" + "A".repeat(40));
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.json().at("/detail").asText()).isEqualTo("The token is not valid.");
        // a real token's id with another secret is no better
        var real = operatorToken();
        var wrongSecret = real.substring(0, real.length() - 4) + "zzzz";
        assertThat(get("/api/v1/tenants", wrongSecret).status()).isEqualTo(401);
        assertThat(get("/api/v1/tenants", "garbage").status()).isEqualTo(401);
    }

    @Test
    void a_token_carries_a_scannable_prefix_and_only_its_hash_is_stored() {
        var token = operatorToken();
        assertThat(token).matches("cnc_pat_[A-Za-z0-9]{12}_[A-Za-z0-9]{40}");
        var stored = jdbc.queryForList("SELECT secret_hash FROM concierge.api_token WHERE lookup_id = ?", String.class,
                token.substring(8, 20));
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0)).hasSize(64).doesNotContain(token.substring(21));
        assertThat(get("/api/v1/tenants", token).status()).isEqualTo(200);
    }

    @Test
    void an_expired_token_and_a_revoked_one_are_refused() {
        var expired = operatorToken();
        jdbc.update("UPDATE concierge.api_token SET created_at = now() - interval '2 days', "
                + "expires_at = now() - interval '1 second' WHERE lookup_id = ?", expired.substring(8, 20));
        var answer = get("/api/v1/tenants", expired);
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.json().at("/detail").asText()).isEqualTo("The token has expired.");

        var token = operatorToken();
        assertThat(get("/api/v1/tenants", token).status()).isEqualTo(200);
        signIn(OPERATOR);
        var id = apiTokens.ownTokens().stream().filter(t -> token.startsWith(t.hint())).findFirst().orElseThrow();
        assertThat(id.lastUsedAt()).isNotNull();
        assertThat(id.lastUsedAddress()).isEqualTo("127.0.0.1");
        apiTokens.revokeOwn(id.id());
        var revoked = get("/api/v1/tenants", token);
        assertThat(revoked.status()).isEqualTo(401);
        assertThat(revoked.json().at("/detail").asText()).isEqualTo("The token was revoked.");
    }

    @Test
    void a_revoked_or_expired_token_in_use_is_audited_once_per_reason_and_window_without_its_secret() {
        var token = operatorToken();
        signIn(OPERATOR);
        var id = apiTokens.ownTokens().stream().filter(t -> token.startsWith(t.hint())).findFirst().orElseThrow().id();
        apiTokens.revokeOwn(id);
        for (var i = 0; i < 5; i++) {
            assertThat(get("/api/v1/tenants", token).status()).isEqualTo(401);
        }
        var refused = new AuditFilter(null, null, AuditAction.API_TOKEN_REFUSED, null, null, null, id.toString());
        // written before the 401 is answered, in a transaction of its own
        assertThat(audit.page(refused, null, 10)).as("one entry for five calls").singleElement().satisfies(e -> {
            assertThat(e.actor()).isEqualTo("anonymous");
            assertThat(e.target()).startsWith("ops: ");
            assertThat(e.detail()).startsWith("token " + id + " of ops presented, revoked; answered 401; unverified "
                    + "caller; further uses for this reason within 15 minutes are refused, not recorded one by one");
            assertThat(e.detail() + e.target()).doesNotContain(token.substring(21));
            assertThat(e.clientAddress()).isEqualTo("127.0.0.1");
        });
        assertThat(audit.page(new AuditFilter(null, "ops", AuditAction.API_CALL, null, null, null, id.toString()),
                null, 10)).as("a refused call is no API call").isEmpty();

        // the window over (as if 15 minutes had passed), the next use is recorded again; another reason at once
        jdbc.update("UPDATE concierge.api_token SET refused_since = refused_since - interval '16 minutes' WHERE id = ?",
                id);
        assertThat(get("/api/v1/tenants", token).status()).isEqualTo(401);
        assertThat(get("/api/v1/tenants", token).status()).isEqualTo(401);
        var expired = operatorToken();
        signIn(OPERATOR);
        var expiredId = apiTokens.ownTokens().stream().filter(t -> expired.startsWith(t.hint())).findFirst()
                .orElseThrow().id();
        jdbc.update("UPDATE concierge.api_token SET created_at = now() - interval '2 days', "
                + "expires_at = now() - interval '1 second' WHERE id = ?", expiredId);
        assertThat(get("/api/v1/tenants", expired).status()).isEqualTo(401);
        assertThat(get("/api/v1/tenants", expired).status()).isEqualTo(401);
        assertThat(audit.page(refused, null, 10)).hasSize(2);
        assertThat(audit.page(new AuditFilter(null, null, AuditAction.API_TOKEN_REFUSED, null, null, null,
                expiredId.toString()), null, 10)).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("presented, expired;"));
    }

    @Test
    void expiry_is_required_and_at_most_a_year_away() {
        signIn(OPERATOR);
        assertThatThrownBy(() -> apiTokens.createPersonal("ci", null)).hasMessageContaining("expires");
        assertThatThrownBy(() -> apiTokens.createPersonal("ci", LocalDate.now().plusDays(366)))
                .hasMessageContaining("at most a year");
        assertThatThrownBy(() -> apiTokens.createPersonal("ci", LocalDate.now())).hasMessageContaining("after today");
        assertThat(apiTokens.createPersonal("ci " + UUID.randomUUID(), LocalDate.now().plusDays(365)).token().status())
                .isEqualTo(ApiTokenSummary.Status.ACTIVE);
    }

    @Test
    void deactivating_a_user_kills_their_tokens_for_good() {
        var user = new CurrentUser("api-doomed-" + UUID.randomUUID().toString().substring(0, 8), Role.AUDITOR, null,
                null);
        var token = tokenOf(user);
        assertThat(get("/api/v1/tenants", token).status()).isEqualTo(200);
        signIn(OPERATOR);
        consoleUsers.deactivate(user.username());
        assertThat(get("/api/v1/tenants", token).status()).isEqualTo(401);
        consoleUsers.activate(user.username());
        assertThat(get("/api/v1/tenants", token).json().at("/detail").asText()).isEqualTo("The token was revoked.");
    }

    @Test
    void every_token_call_is_audited_with_the_token_and_its_owner() {
        var token = operatorToken();
        var acme = TestTenants.active(tenants, uniqueSlug("apia"));
        assertThat(get("/api/v1/tenants/" + acme.slug(), token).status()).isEqualTo(200);
        signIn(OPERATOR);
        var tokenId = apiTokens.ownTokens().stream().filter(t -> token.startsWith(t.hint())).findFirst()
                .orElseThrow().id();
        var calls = audit.page(new AuditFilter(null, "ops", AuditAction.API_CALL, null, null, null,
                tokenId.toString()), null, 10);
        assertThat(calls).singleElement().satisfies(e -> {
            assertThat(e.target()).isEqualTo("GET /api/v1/tenants/" + acme.slug());
            assertThat(e.detail()).isEqualTo("token " + tokenId + " of ops; answered 200");
            assertThat(e.clientAddress()).isEqualTo("127.0.0.1");
        });
    }

    @Test
    void calls_beyond_the_rate_limit_are_429_with_retry_after() {
        var token = auditorToken();
        Answer last = null;
        for (var i = 0; i < 200 && (last == null || last.status() != 429); i++) {
            last = get("/api/v1/tenants?limit=1", token);
        }
        assertThat(last.status()).isEqualTo(429);
        assertThat(Long.parseLong(last.header("Retry-After"))).isPositive();
        assertThat(last.json().at("/type").asText()).isEqualTo("urn:concierge:problem:rate-limited");
        // the limit is the token's: another token of the same user still works
        assertThat(get("/api/v1/tenants?limit=1", auditorToken()).status()).isEqualTo(200);
    }

    @Test
    void a_signed_in_browser_calls_the_api_with_its_session_and_writes_only_with_its_csrf_token() throws Exception {
        var acme = TestTenants.active(tenants, uniqueSlug("apib"));
        var browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        var csrf = signInAsOps(browser);
        var read = browser.send(HttpRequest.newBuilder(uri("/api/v1/tenants/" + acme.slug())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(read.statusCode()).isEqualTo(200);
        var suspend = uri("/api/v1/tenants/" + acme.slug() + "/suspend");
        var forged = browser.send(HttpRequest.newBuilder(suspend).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).as("no CSRF token").isEqualTo(403);
        var fresh = pageToken(browser);
        var allowed = browser.send(HttpRequest.newBuilder(suspend).header(fresh[0], fresh[1])
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(200);
        assertThat(csrf).isNotBlank();

        // the browsable OpenAPI UI, for signed-in users, under the console's own content security policy
        var location = "/api/v1/docs";
        HttpResponse<String> page = null;
        for (var hops = 0; hops < 5; hops++) {
            page = browser.send(HttpRequest.newBuilder(uri(location)).build(), HttpResponse.BodyHandlers.ofString());
            var next = page.headers().firstValue("Location");
            if (page.statusCode() / 100 != 3 || next.isEmpty()) {
                break;
            }
            location = next.get().replaceFirst("^https?://[^/]+", "");
        }
        assertThat(page.statusCode()).as(location).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("script-src 'self'").contains("frame-ancestors 'none'"));
        assertThat(get("/api/v1/docs", null).status()).as("not signed in").isIn(302, 401);
    }

    @Test
    void token_calls_are_stateless() {
        var answer = get("/api/v1/tenants", operatorToken());
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.headers().allValues("Set-Cookie")).isEmpty();
    }

    @Test
    void an_operator_creates_a_service_account_whose_tokens_rotate_with_an_overlap() {
        var acme = TestTenants.active(tenants, uniqueSlug("apic"));
        var globex = TestTenants.active(tenants, uniqueSlug("apid"));
        signIn(OPERATOR);
        var name = "ci-" + UUID.randomUUID().toString().substring(0, 8);
        var account = apiTokens.createServiceAccount(name, "acme's CI", Role.PARTNER_ADMIN, acme.id(), acme.slug());
        assertThat(account.actorName()).isEqualTo("service:" + name);
        var first = apiTokens.issueServiceToken(name, "deploy", LocalDate.now().plusDays(90));
        assertThat(first.secret()).startsWith("cnc_sa_");
        assertThat(get("/api/v1/tenants/" + acme.slug(), first.secret()).status()).isEqualTo(200);
        assertThat(get("/api/v1/tenants/" + globex.slug(), first.secret()).status()).isEqualTo(404);
        assertThat(consoleUsers.exists("service:" + name)).as("no console user, so no UI sign-in").isFalse();

        var second = apiTokens.rotateServiceToken(name, first.token().id(), LocalDate.now().plusDays(90),
                Duration.ofHours(1));
        assertThat(get("/api/v1/tenants/" + acme.slug(), first.secret()).status()).as("overlap").isEqualTo(200);
        assertThat(get("/api/v1/tenants/" + acme.slug(), second.secret()).status()).isEqualTo(200);
        var old = apiTokens.serviceTokens(name).stream().filter(t -> t.id().equals(first.token().id())).findFirst()
                .orElseThrow();
        assertThat(old.expiresAt()).isBefore(java.time.Instant.now().plus(Duration.ofMinutes(61)));
        apiTokens.rotateServiceToken(name, second.token().id(), LocalDate.now().plusDays(30), Duration.ZERO);
        assertThat(get("/api/v1/tenants/" + acme.slug(), second.secret()).status()).as("no overlap").isEqualTo(401);

        apiTokens.deactivateServiceAccount(name);
        assertThat(apiTokens.serviceTokens(name)).allMatch(t -> t.status() != ApiTokenSummary.Status.ACTIVE);
    }

    @Test
    void only_operators_manage_service_accounts() {
        var acme = TestTenants.active(tenants, uniqueSlug("apie"));
        signIn(partnerAdmin(acme.id(), acme.slug()));
        assertThatThrownBy(() -> apiTokens.createServiceAccount("sneaky", null, Role.OPERATOR, null, null))
                .isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
        signIn(AUDITOR);
        assertThatThrownBy(apiTokens::serviceAccounts)
                .isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
    }

    /** Signs in through the login form; returns the CSRF token of the page after sign-in. */
    private String signInAsOps(HttpClient browser) throws Exception {
        var token = pageToken(browser);
        var form = "username=ops&password=ops-test-password&_csrf=" + URLEncoder.encode(token[1], StandardCharsets.UTF_8);
        var response = browser.send(HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/"));
        return pageToken(browser)[1];
    }

    /** The CSRF header name and token from the meta tags of the login page (any page carries them). */
    private String[] pageToken(HttpClient browser) throws Exception {
        var page = browser.send(HttpRequest.newBuilder(uri("/login")).build(), HttpResponse.BodyHandlers.ofString());
        var matcher = META.matcher(page.body());
        String header = "X-CSRF-TOKEN";
        String token = null;
        while (matcher.find()) {
            if (matcher.group(1).equals("_csrf_header")) {
                header = matcher.group(2);
            } else {
                token = matcher.group(2);
            }
        }
        assertThat(token).as("the page carries a CSRF token").isNotBlank();
        return new String[]{header, token};
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
