package io.concierge.tenant;

import io.concierge.support.ApiTest;
import io.concierge.support.TestTenants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** /api/v1/tenants over HTTP with real tokens: the resources, their errors, idempotent creation. */
class TenantApiTests extends ApiTest {

    @Autowired
    TenantService tenants;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    @Test
    void an_operator_creates_a_tenant_and_reads_it_until_it_is_active() {
        var token = operatorToken();
        var slug = uniqueSlug("apit");
        var created = post("/api/v1/tenants", token, Map.of("slug", slug, "displayName", "Api Tenant",
                "contactEmail", "ops@api.example", "firstAdminUsername", slug.replace('_', '-') + "-adm"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/api/v1/tenants/" + slug);
        assertThat(created.json().at("/tenant/status").asText()).isEqualTo("PROVISIONING");
        assertThat(created.json().at("/oneTimePassword").asText()).hasSizeGreaterThan(10);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                .pollInterval(java.time.Duration.ofMillis(500))
                .until(() -> get("/api/v1/tenants/" + slug, token).json().at("/status").asText(), "ACTIVE"::equals);
    }

    @Test
    void the_list_filters_like_the_grid_and_pages_by_slug() {
        var token = operatorToken();
        var prefix = "apil" + UUID.randomUUID().toString().substring(0, 6);
        for (var i = 0; i < 3; i++) {
            signIn(OPERATOR);
            tenants.register(new NewTenant(prefix + "_" + i, "Listed " + i, "l@api.example", null));
        }
        var first = get("/api/v1/tenants?slug=" + prefix + "&limit=2", token);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().at("/items").findValuesAsText("slug")).containsExactly(prefix + "_0", prefix + "_1");
        assertThat(first.json().at("/next").asText()).isEqualTo(prefix + "_1");
        var second = get("/api/v1/tenants?slug=" + prefix + "&limit=2&after=" + prefix + "_1", token);
        assertThat(second.json().at("/items").findValuesAsText("slug")).containsExactly(prefix + "_2");
        assertThat(second.json().at("/next").isNull()).isTrue();
        var byStatus = get("/api/v1/tenants?slug=" + prefix + "&status=SUSPENDED", token);
        assertThat(byStatus.json().at("/items").size()).isZero();
    }

    @Test
    void bad_input_is_a_400_problem_with_the_field_and_the_message_the_ui_shows() {
        var answer = post("/api/v1/tenants", operatorToken(), Map.of("slug", "Not A Slug", "displayName", "X",
                "contactEmail", "x@api.example"));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.json().at("/field").asText()).isEqualTo("slug");
        assertThat(answer.json().at("/errors/0/field").asText()).isEqualTo("slug");
        assertThat(answer.json().at("/detail").asText()).isEqualTo(answer.json().at("/errors/0/message").asText())
                .contains("Slug");
        var unreadable = post("/api/v1/tenants", operatorToken(), "{not json");
        assertThat(unreadable.status()).isEqualTo(400);
        assertThat(unreadable.json().at("/type").asText()).isEqualTo("urn:concierge:problem:invalid-value");
    }

    @Test
    void a_taken_slug_and_a_wrong_state_are_409() {
        var token = operatorToken();
        var acme = TestTenants.active(tenants, uniqueSlug("apic"));
        var duplicate = post("/api/v1/tenants", token, Map.of("slug", acme.slug().value(), "displayName", "Again",
                "contactEmail", "a@api.example"));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.json().at("/field").asText()).isEqualTo("slug");
        assertThat(duplicate.json().at("/detail").asText()).isEqualTo("A tenant with slug '" + acme.slug()
                + "' already exists.");
        var resume = post("/api/v1/tenants/" + acme.slug() + "/resume", token, null);
        assertThat(resume.status()).isEqualTo(409);
        assertThat(resume.json().at("/detail").asText()).contains("Cannot resume");
    }

    @Test
    void an_operator_suspends_resumes_and_offboards() {
        var token = operatorToken();
        var acme = TestTenants.active(tenants, uniqueSlug("apis"));
        var path = "/api/v1/tenants/" + acme.slug();
        var suspended = post(path + "/suspend", token, Map.of("reason", "unpaid invoice"));
        assertThat(suspended.json().at("/status").asText()).as(suspended.toString()).isEqualTo("SUSPENDED");
        assertThat(suspended.json().at("/statusReason").asText()).isEqualTo("unpaid invoice");
        assertThat(post(path + "/resume", token, null).json().at("/status").asText()).isEqualTo("ACTIVE");
        var unconfirmed = post(path + "/offboard", token, Map.of("confirmation", "wrong"));
        assertThat(unconfirmed.status()).isEqualTo(400);
        assertThat(unconfirmed.json().at("/field").asText()).isEqualTo("confirmation");
        var offboarded = post(path + "/offboard", token, Map.of("confirmation", acme.slug().value()));
        assertThat(offboarded.json().at("/status").asText()).isIn("OFFBOARDING", "OFFBOARDED");
    }

    @Test
    void a_partner_reads_its_own_tenant_and_gets_the_same_404_for_others_as_for_none() {
        var acme = TestTenants.active(tenants, uniqueSlug("apip"));
        var globex = TestTenants.active(tenants, uniqueSlug("apiq"));
        var token = partnerToken(acme);
        assertThat(get("/api/v1/tenants/" + acme.slug(), token).status()).isEqualTo(200);
        var other = get("/api/v1/tenants/" + globex.slug(), token);
        var none = get("/api/v1/tenants/no_such_tenant", token);
        assertThat(other.status()).isEqualTo(404);
        assertThat(none.status()).isEqualTo(404);
        assertThat(other.json().at("/detail").asText()).isEqualTo("No tenant '" + globex.slug() + "'.");
        for (var action : new String[]{"suspend", "resume", "offboard", "retry"}) {
            assertThat(post("/api/v1/tenants/" + globex.slug() + "/" + action, token, null).status())
                    .as(action).isEqualTo(404);
        }
        // its own tenant: it may read it, never run its lifecycle
        var refused = post("/api/v1/tenants/" + acme.slug() + "/suspend", token, null);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().at("/detail").asText()).isEqualTo("You are not allowed to suspend tenants.");
        assertThat(get("/api/v1/tenants", token).status()).isEqualTo(403);
    }

    @Test
    void an_auditor_reads_but_never_changes() {
        var acme = TestTenants.active(tenants, uniqueSlug("apiu"));
        var token = auditorToken();
        assertThat(get("/api/v1/tenants/" + acme.slug(), token).status()).isEqualTo(200);
        assertThat(post("/api/v1/tenants/" + acme.slug() + "/suspend", token, null).status()).isEqualTo(403);
        assertThat(post("/api/v1/tenants", token, Map.of("slug", uniqueSlug("apiv"), "displayName", "No",
                "contactEmail", "n@api.example")).status()).isEqualTo(403);
    }

    @Test
    void a_create_retried_with_its_idempotency_key_replays_the_first_answer_and_creates_nothing_more() {
        var token = operatorToken();
        var slug = uniqueSlug("apik");
        var body = Map.of("slug", slug, "displayName", "Once", "contactEmail", "once@api.example");
        var key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
        var first = call("POST", "/api/v1/tenants", token, body, key);
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        var again = call("POST", "/api/v1/tenants", token, body, key);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.header("Location")).isEqualTo(first.header("Location"));
        assertThat(again.body()).isEqualTo(first.body());
        signIn(OPERATOR);
        assertThat(tenants.count(new TenantFilter(slug, null, null))).isEqualTo(1);
        // the same key with another body is refused, and creates nothing
        var other = call("POST", "/api/v1/tenants", token, Map.of("slug", slug + "x", "displayName", "Other",
                "contactEmail", "o@api.example"), key);
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.json().at("/type").asText()).isEqualTo("urn:concierge:problem:idempotency-key-reused");
        assertThat(tenants.count(new TenantFilter(slug + "x", null, null))).isZero();
        // keys are the caller's own: another caller's same key is a new request
        var auditor = call("POST", "/api/v1/tenants", auditorToken(), body, key);
        assertThat(auditor.status()).isEqualTo(403);
        assertThat(auditor.header("Idempotent-Replayed")).isNull();
    }

    @Test
    void a_retry_while_the_first_request_still_runs_is_409() throws Exception {
        var token = operatorToken();
        var body = "{\"slug\":\"" + uniqueSlug("apir") + "\",\"displayName\":\"Slow\",\"contactEmail\":\"s@api.example\"}";
        var key = UUID.randomUUID().toString();
        // what the first request leaves while it runs: the key claimed with its fingerprint, no answer yet
        var digest = java.security.MessageDigest.getInstance("SHA-256");
        digest.update("POST /api/v1/tenants?\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        digest.update(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        jdbc.update("INSERT INTO concierge.api_idempotency_key (caller, idem_key, fingerprint, created_at) "
                + "VALUES ('ops', ?, ?, now())", key, java.util.HexFormat.of().formatHex(digest.digest()));
        var retry = call("POST", "/api/v1/tenants", token, body, Map.of("Idempotency-Key", key));
        assertThat(retry.status()).isEqualTo(409);
        assertThat(retry.json().at("/type").asText()).isEqualTo("urn:concierge:problem:idempotency-key-in-use");
        assertThat(retry.header("Retry-After")).isEqualTo("1");
    }
}
