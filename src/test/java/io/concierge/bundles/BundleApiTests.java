package io.concierge.bundles;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.concierge.access.AccessService;
import io.concierge.branding.BrandingService;
import io.concierge.bulk.RowOutcome;
import io.concierge.changes.ApprovalPolicies;
import io.concierge.configuration.ConfigArea;
import io.concierge.security.Actors;
import io.concierge.support.ApiTest;
import io.concierge.tenant.TenantService;
import io.concierge.tenant.TenantSummary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Bundles and bulk jobs over real HTTP with real tokens. */
class BundleApiTests extends ApiTest {

    @Autowired
    TenantService tenants;
    @Autowired
    AccessService access;
    @Autowired
    BrandingService branding;
    @Autowired
    ApprovalPolicies policies;

    TenantSummary source;
    TenantSummary target;

    @BeforeEach
    void twoTenants() {
        var tenantPair = BundleFixtures.sourceAndTarget(tenants, access, branding);
        source = tenantPair.source();
        target = tenantPair.target();
    }

    @Test
    void export_plan_and_apply_over_the_api_and_a_stale_plan_is_a_412() throws Exception {
        var token = operatorToken();
        var exported = get("/api/v1/tenants/" + source.slug() + "/bundle", token);
        assertThat(exported.status()).isEqualTo(200);
        assertThat(exported.header("Content-Disposition")).contains("concierge-bundle-" + source.slug());
        var bundle = exported.json();

        var plan = post("/api/v1/tenants/" + target.slug() + "/bundle/plan", token, bundle);
        assertThat(plan.status()).as(plan.toString()).isEqualTo(200);
        assertThat(plan.json().path("nothingToDo").asBoolean()).isFalse();
        assertThat(plan.json().path("areas").get(0).path("changes").get(0).path("after").asText())
                .isEqualTo("Globex Invest");
        var basedOn = plan.json().path("basedOn");

        var applied = post("/api/v1/tenants/" + target.slug() + "/bundle/apply", token,
                Map.of("bundle", bundle, "basedOn", basedOn));
        assertThat(applied.status()).as(applied.toString()).isEqualTo(200);
        assertThat(applied.json().path("areas").get(0).path("outcome").asText()).isEqualTo("saved");
        assertThat(applied.json().path("areas").get(0).path("version").asLong()).isEqualTo(1);

        var again = post("/api/v1/tenants/" + target.slug() + "/bundle/apply", token,
                Map.of("bundle", bundle, "basedOn", basedOn));
        assertThat(again.status()).as(again.toString()).isEqualTo(412);
        assertThat(again.json().path("type").asText()).isEqualTo("urn:concierge:problem:stale-version");
        assertThat(get("/api/v1/tenants/" + target.slug() + "/bundle", token).json().path("areas"))
                .isEqualTo(bundle.path("areas"));
    }

    @Test
    void a_bad_document_is_a_400_naming_every_path_and_another_partners_tenant_is_a_404() throws Exception {
        var token = operatorToken();
        var bundle = (ObjectNode) get("/api/v1/tenants/" + source.slug() + "/bundle", token).json();
        ((ObjectNode) bundle.path("areas").path("branding")).put("accentColor", "green");
        ((ObjectNode) bundle.path("areas").path("access").path("roles").get(0)).remove("name");

        var refused = post("/api/v1/tenants/" + target.slug() + "/bundle/plan", token, bundle);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("field").asText()).isEqualTo("bundle");
        assertThat(refused.json().path("errors").findValuesAsText("field"))
                .contains("$.areas.branding.accentColor", "$.areas.access.roles[0]");

        var partner = partnerToken(target);
        assertThat(get("/api/v1/tenants/" + source.slug() + "/bundle", partner).status()).isEqualTo(404);
        assertThat(post("/api/v1/tenants/" + source.slug() + "/bundle/plan", partner, bundle).status())
                .isEqualTo(404);
        assertThat(get("/api/v1/schemas/bundle-v1.json", partner).json().path("title").asText())
                .isEqualTo("Concierge configuration bundle, format version 1");
    }

    @Test
    void policies_are_planned_and_applied_over_the_api_and_a_partners_change_of_one_is_a_400_naming_it() {
        Actors.runAs(OPERATOR, () -> policies.set(source.id(), ConfigArea.RULES, 2, "Two approvals for rules"));
        var token = operatorToken();
        var bundle = get("/api/v1/tenants/" + source.slug() + "/bundle", token).json();
        assertThat(bundle.path("policies").path("rules").asInt()).isEqualTo(2);

        var refused = post("/api/v1/tenants/" + target.slug() + "/bundle/plan", partnerToken(target), bundle);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().path("field").asText()).isEqualTo("policies");
        assertThat(refused.json().path("errors").findValuesAsText("field")).containsExactly("policies.rules");

        var plan = post("/api/v1/tenants/" + target.slug() + "/bundle/plan", token, bundle);
        assertThat(plan.status()).as(plan.toString()).isEqualTo(200);
        assertThat(plan.json().path("policies").findValuesAsText("area")).containsExactly("branding", "rules", "access");
        assertThat(plan.json().path("policies").get(1).path("current").asInt()).isZero();
        assertThat(plan.json().path("policies").get(1).path("imported").asInt()).isEqualTo(2);
        assertThat(plan.json().path("policies").get(1).path("needsApproval").asBoolean()).isFalse();

        var applied = post("/api/v1/tenants/" + target.slug() + "/bundle/apply", token,
                Map.of("bundle", bundle, "basedOn", plan.json().path("basedOn")));
        assertThat(applied.status()).as(applied.toString()).isEqualTo(200);
        assertThat(applied.json().path("policies")).singleElement().satisfies(p -> {
            assertThat(p.path("area").asText()).isEqualTo("rules");
            assertThat(p.path("outcome").asText()).isEqualTo("set");
        });
        assertThat(get("/api/v1/tenants/" + target.slug() + "/bundle", token).json().path("policies"))
                .isEqualTo(bundle.path("policies"));
    }

    @Test
    void create_like_and_bulk_jobs_over_the_api() {
        var token = operatorToken();
        var slug = uniqueSlug("apilike");
        var created = post("/api/v1/tenants/from-bundle", token, Map.of(
                "tenant", Map.of("slug", slug, "displayName", "API Like", "contactEmail", "ops@api.example"),
                "like", source.slug().value()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/api/v1/tenants/" + slug);

        var p = "a" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        var bad = post("/api/v1/bulk-jobs", token, "[{\"slug\":\"" + p + "_x\",\"displayName\":\"X\","
                + "\"contactEmail\":\"nope\"},{\"slug\":\"B\",\"displayName\":\"Y\",\"contactEmail\":\"o@y.example\"}]");
        assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
        assertThat(bad.json().path("errors")).hasSize(2);
        assertThat(bad.json().path("errors").get(0).path("row").asInt()).isEqualTo(1);
        assertThat(bad.json().path("errors").get(0).path("field").asText()).isEqualTo("contactEmail");
        assertThat(bad.json().path("errors").get(1).path("row").asInt()).isEqualTo(2);

        var file = "[{\"slug\":\"" + p + "_ok\",\"displayName\":\"Ok\",\"contactEmail\":\"o@ok.example\"}]";
        var job = post("/api/v1/bulk-jobs", token, file);
        assertThat(job.status()).as(job.toString()).isEqualTo(201);
        var location = job.header("Location");
        await().atMost(Duration.ofSeconds(120)).until(() -> get(location, token).json().path("finished").asBoolean());
        var rows = get(location + "/rows", token).json();
        assertThat(rows.get(0).path("outcome").asText()).isEqualTo(RowOutcome.CREATED.name());
        assertThat(post(location + "/retry", token, null).json().path("rows").asInt()).isZero();
        assertThat(post("/api/v1/bulk-jobs", partnerToken(target), file).status()).isEqualTo(403);
    }
}
