package io.concierge.configuration;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.concierge.support.ApiTest;
import io.concierge.support.TestTenants;
import io.concierge.tenant.TenantService;
import io.concierge.tenant.TenantSummary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** /api/v1/tenants/{slug}/areas/{area}: versions as ETags, If-Match writes, history, diff, restore. */
class AreaApiTests extends ApiTest {

    @Autowired
    TenantService tenants;

    private TenantSummary acme;
    private String path;

    @BeforeEach
    void tenant() {
        acme = TestTenants.active(tenants, uniqueSlug("area"));
        path = "/api/v1/tenants/" + acme.slug() + "/areas/rules";
    }

    @Test
    void a_read_answers_the_content_with_its_version_as_etag_and_a_write_needs_if_match() {
        var token = partnerToken(acme);
        var read = get(path, token);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.header("ETag")).isEqualTo("\"0\"");
        assertThat(read.json().at("/version").asLong()).isZero();
        assertThat(read.json().at("/editable").asBoolean()).isTrue();
        var content = (ObjectNode) read.json().at("/content");
        content.put("fractionalShares", !content.path("fractionalShares").asBoolean());

        var blind = call("PUT", path, token, Map.of("content", content, "comment", "no precondition"), Map.of());
        assertThat(blind.status()).isEqualTo(428);
        assertThat(blind.json().at("/type").asText()).isEqualTo("urn:concierge:problem:precondition-required");

        var saved = call("PUT", path, token, Map.of("content", content, "comment", "fractional on"),
                Map.of("If-Match", "\"0\""));
        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
        assertThat(saved.header("ETag")).isEqualTo("\"1\"");
        assertThat(saved.json().at("/author").asText()).isEqualTo(acme.slug() + "-admin");
        assertThat(get(path, token).json().at("/content/fractionalShares").asBoolean())
                .isEqualTo(content.path("fractionalShares").asBoolean());
    }

    @Test
    void a_stale_if_match_is_412_with_who_saved_since_and_nothing_is_overwritten() {
        var operator = operatorToken();
        var content = (ObjectNode) get(path, operator).json().at("/content");
        content.put("fractionalShares", false);
        var first = call("PUT", path, operator, Map.of("content", content, "comment", "ops first"), Map.of("If-Match", "\"0\""));
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        content.put("fractionalShares", true);
        var stale = call("PUT", path, partnerToken(acme), Map.of("content", content, "comment", "late"), Map.of("If-Match", "\"0\""));
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.json().at("/savedBy").asText()).isEqualTo("ops");
        assertThat(stale.json().at("/currentVersion").asLong()).isEqualTo(1);
        assertThat(stale.json().at("/detail").asText()).contains("was changed by ops", "nothing was overwritten");
        assertThat(stale.header("ETag")).isEqualTo("\"1\"");
        assertThat(get(path, operator).json().at("/content/fractionalShares").asBoolean()).isFalse();
    }

    @Test
    void bad_content_is_a_400_at_its_field_and_nothing_is_saved() {
        var token = operatorToken();
        var content = (ObjectNode) get(path, token).json().at("/content");
        content.putArray("restrictedTickers").add("not a ticker!");
        var bad = call("PUT", path, token, Map.of("content", content), Map.of("If-Match", "\"0\""));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().at("/field").asText()).isNotBlank();
        assertThat(bad.json().at("/detail").asText()).isNotBlank();
        assertThat(get(path + "/history", token).json().size()).isZero();
        var missing = call("PUT", path, token, Map.of("comment", "no content"), Map.of("If-Match", "\"0\""));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().at("/field").asText()).isEqualTo("content");
        assertThat(get("/api/v1/tenants/" + acme.slug() + "/areas/colours", token).status()).isEqualTo(404);
    }

    @Test
    void history_diff_and_restore_work_as_in_the_editor() {
        var token = operatorToken();
        var content = (ObjectNode) get(path, token).json().at("/content");
        content.put("fractionalShares", false);
        call("PUT", path, token, Map.of("content", content, "comment", "off"), Map.of("If-Match", "\"0\""));
        content.put("fractionalShares", true);
        call("PUT", path, token, Map.of("content", content, "comment", "on"), Map.of("If-Match", "\"1\""));

        var history = get(path + "/history", token).json();
        assertThat(history.findValuesAsText("comment")).containsExactly("on", "off");
        var diff = get(path + "/diff?from=1&to=2", token);
        assertThat(diff.status()).isEqualTo(200);
        assertThat(diff.json()).hasSize(1);
        assertThat(diff.json().at("/0/kind").asText()).isEqualTo("CHANGED");
        assertThat(get(path + "/diff?from=1&to=9", token).status()).isEqualTo(400);

        var restored = call("POST", path + "/restore", token, Map.of("version", 1, "comment", "back"),
                Map.of("If-Match", "\"2\""));
        assertThat(restored.status()).as(restored.toString()).isEqualTo(200);
        assertThat(restored.json().at("/restoredFrom").asLong()).isEqualTo(1);
        assertThat(restored.header("ETag")).isEqualTo("\"3\"");
        var stale = call("POST", path + "/restore", token, Map.of("version", 1, "comment", "again"), Map.of("If-Match", "\"2\""));
        assertThat(stale.status()).as(stale.toString()).isEqualTo(412);
    }

    @Test
    void another_partner_gets_404_on_every_area_operation_and_an_auditor_only_reads() {
        var globex = TestTenants.active(tenants, uniqueSlug("areb"));
        var stranger = partnerToken(globex);
        var ifMatch = Map.of("If-Match", "\"0\"");
        assertThat(get(path, stranger).status()).isEqualTo(404);
        assertThat(get(path + "/history", stranger).status()).isEqualTo(404);
        assertThat(get(path + "/diff?from=0&to=1", stranger).status()).isEqualTo(404);
        assertThat(call("PUT", path, stranger, Map.of("content", Map.of()), ifMatch).status()).isEqualTo(404);
        assertThat(call("POST", path + "/restore", stranger, Map.of("version", 1), ifMatch).status()).isEqualTo(404);
        for (var other : new String[]{"provisioning-runs", "publication"}) {
            assertThat(get("/api/v1/tenants/" + acme.slug() + "/" + other, stranger).status()).as(other)
                    .isEqualTo(404);
        }
        assertThat(post("/api/v1/tenants/" + acme.slug() + "/publication/reconcile", stranger, null).status())
                .isEqualTo(404);

        var auditor = auditorToken();
        var content = get(path, auditor).json().at("/content");
        var refused = call("PUT", path, auditor, Map.of("content", content), ifMatch);
        assertThat(refused.status()).isEqualTo(403);
    }
}
