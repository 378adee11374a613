package io.concierge.ops;

import io.concierge.support.ApiTest;
import io.concierge.support.TestTenants;
import io.concierge.tenant.TenantService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operators' resources over HTTP: provisioning runs, schema upgrades as jobs, publication and reconcile,
 * console users, the audit entries, and tokens and service accounts managed through the API itself.
 */
class OperationsApiTests extends ApiTest {

    @Autowired
    TenantService tenants;

    @Test
    void provisioning_runs_list_their_steps() {
        var acme = TestTenants.active(tenants, uniqueSlug("opsr"));
        var runs = get("/api/v1/tenants/" + acme.slug() + "/provisioning-runs", partnerToken(acme));
        assertThat(runs.status()).isEqualTo(200);
        assertThat(runs.json().at("/0/kind").asText()).isEqualTo("PROVISION");
        assertThat(runs.json().at("/0/status").asText()).isEqualTo("SUCCEEDED");
        assertThat(runs.json().at("/0/steps").size()).isPositive();
    }

    @Test
    void a_schema_upgrade_is_a_job_to_poll() {
        var acme = TestTenants.active(tenants, uniqueSlug("opsu"));
        var token = operatorToken();
        var status = get("/api/v1/schema-upgrades", token);
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.json().at("/latestVersion").asText()).isNotBlank();
        var started = post("/api/v1/schema-upgrades", token, Map.of("tenant", acme.slug().value()));
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        var job = started.header("Location");
        assertThat(job).startsWith("/api/v1/schema-upgrades/jobs/");
        var done = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> get(job, token), a -> !a.json().at("/state").asText().equals("RUNNING"));
        assertThat(done.json().at("/state").asText()).as(done.toString()).isEqualTo("FINISHED");
        assertThat(done.json().at("/results/0/tenant").asText()).isEqualTo(acme.slug().value());
        assertThat(post("/api/v1/schema-upgrades", partnerToken(acme), Map.of("tenant", acme.slug().value()))
                .status()).isEqualTo(403);
        assertThat(get("/api/v1/schema-upgrades/jobs/" + UUID.randomUUID(), token).status()).isEqualTo(404);
    }

    @Test
    void publication_status_and_reconcile() {
        var acme = TestTenants.active(tenants, uniqueSlug("opsp"));
        var token = operatorToken();
        var status = get("/api/v1/tenants/" + acme.slug() + "/publication", token);
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.json().at("/tenant").asText()).isEqualTo(acme.slug().value());
        var reconciled = post("/api/v1/tenants/" + acme.slug() + "/publication/reconcile", token, null);
        assertThat(reconciled.status()).isEqualTo(200);
        assertThat(reconciled.json().at("/checked").asInt()).isEqualTo(1);
        assertThat(post("/api/v1/tenants/" + acme.slug() + "/publication/reconcile", partnerToken(acme), null)
                .status()).isEqualTo(403);
    }

    @Test
    void operators_manage_console_users_and_others_may_not() {
        var token = operatorToken();
        var username = "api-user-" + UUID.randomUUID().toString().substring(0, 8);
        var created = post("/api/v1/users", token, Map.of("username", username, "role", "AUDITOR"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().at("/oneTimePassword").asText()).hasSizeGreaterThan(10);
        assertThat(post("/api/v1/users", token, Map.of("username", username, "role", "AUDITOR")).status())
                .isEqualTo(400);
        assertThat(post("/api/v1/users/" + username + "/deactivate", token, null).json().at("/active").asBoolean())
                .isFalse();
        assertThat(post("/api/v1/users/" + username + "/activate", token, null).json().at("/active").asBoolean())
                .isTrue();
        assertThat(get("/api/v1/users/nobody-" + UUID.randomUUID(), token).status()).isEqualTo(404);
        assertThat(get("/api/v1/users", auditorToken()).status()).isEqualTo(403);
    }

    @Test
    void audit_entries_page_by_cursor_and_a_partner_sees_only_its_tenant() {
        var acme = TestTenants.active(tenants, uniqueSlug("opsa"));
        var auditor = auditorToken();
        var page = get("/api/v1/audit/entries?tenant=" + acme.slug() + "&limit=1", auditor);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json().at("/items").size()).isEqualTo(1);
        var next = page.json().at("/next").asLong();
        var older = get("/api/v1/audit/entries?tenant=" + acme.slug() + "&limit=1&before=" + next, auditor);
        assertThat(older.json().at("/items/0/id").asLong()).isLessThan(next);
        var entry = get("/api/v1/audit/entries/" + next, auditor);
        assertThat(entry.status()).isEqualTo(200);
        assertThat(get("/api/v1/audit/entries?action=tenant.deleted", auditor).json().at("/field").asText())
                .isEqualTo("action");
        var globex = TestTenants.active(tenants, uniqueSlug("opsb"));
        assertThat(get("/api/v1/audit/entries?tenant=" + globex.slug(), partnerToken(acme)).status()).isEqualTo(403);
    }

    @Test
    void tokens_and_service_accounts_through_the_api() {
        var token = operatorToken();
        var issued = post("/api/v1/tokens", token, Map.of("name", "ci " + UUID.randomUUID(),
                "expiresOn", java.time.LocalDate.now().plusDays(7).toString()));
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        var secret = issued.json().at("/secret").asText();
        assertThat(get("/api/v1/tokens", secret).json().findValuesAsText("hint"))
                .contains(issued.json().at("/token/hint").asText());
        var tooLong = post("/api/v1/tokens", token, Map.of("name", "long",
                "expiresOn", java.time.LocalDate.now().plusYears(2).toString()));
        assertThat(tooLong.json().at("/field").asText()).isEqualTo("expiresOn");
        assertThat(call("DELETE", "/api/v1/tokens/" + issued.json().at("/token/id").asText(), token, null, Map.of())
                .status()).isEqualTo(204);
        assertThat(get("/api/v1/tokens", secret).status()).isEqualTo(401);

        var name = "bot-" + UUID.randomUUID().toString().substring(0, 8);
        var account = post("/api/v1/service-accounts", token, Map.of("name", name, "role", "AUDITOR"));
        assertThat(account.status()).as(account.toString()).isEqualTo(201);
        assertThat(post("/api/v1/service-accounts", token, Map.of("name", name, "role", "AUDITOR")).status())
                .isEqualTo(409);
        var saToken = post("/api/v1/service-accounts/" + name + "/tokens", token, Map.of("name", "reader",
                "expiresOn", java.time.LocalDate.now().plusDays(30).toString()));
        var saSecret = saToken.json().at("/secret").asText();
        assertThat(get("/api/v1/tenants", saSecret).status()).isEqualTo(200);
        assertThat(get("/api/v1/service-accounts", saSecret).status()).as("an auditor account").isEqualTo(403);
        var rotated = post("/api/v1/service-accounts/" + name + "/tokens/" + saToken.json().at("/token/id").asText()
                + "/rotate", token, Map.of("expiresOn", java.time.LocalDate.now().plusDays(30).toString(),
                "overlapHours", 0));
        assertThat(rotated.status()).isEqualTo(201);
        assertThat(get("/api/v1/tenants", rotated.json().at("/secret").asText()).status()).isEqualTo(200);
        assertThat(get("/api/v1/tenants", saSecret).status()).isEqualTo(401);
    }
}
