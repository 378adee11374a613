package io.concierge.bundles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.concierge.access.AccessService;
import io.concierge.access.AccessTestTenants;
import io.concierge.branding.BrandImage;
import io.concierge.branding.BrandingService;
import io.concierge.branding.BrandingTestData;
import io.concierge.changes.ApprovalPolicies;
import io.concierge.changes.ChangeKind;
import io.concierge.changes.ChangeRequests;
import io.concierge.changes.ChangeState;
import io.concierge.configuration.ConfigArea;
import io.concierge.configuration.ConfigurationAreas;
import io.concierge.configuration.ConfigurationConflictException;
import io.concierge.configuration.FieldChange;
import io.concierge.configuration.Submission;
import io.concierge.security.Actors;
import io.concierge.security.ConsoleUserService;
import io.concierge.security.CurrentUser;
import io.concierge.security.Role;
import io.concierge.shared.InvalidValueException;
import io.concierge.support.IntegrationTest;
import io.concierge.tenant.NewTenant;
import io.concierge.tenant.TenantService;
import io.concierge.tenant.TenantStatus;
import io.concierge.tenant.TenantSummary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Export, plan and apply of configuration bundles, and tenants created from one, on the real database. */
class BundleServiceTests extends IntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    BundleService bundles;
    @Autowired
    TenantService tenants;
    @Autowired
    AccessService access;
    @Autowired
    BrandingService branding;
    @Autowired
    ConfigurationAreas areas;
    @Autowired
    ApprovalPolicies policies;
    @Autowired
    ChangeRequests requests;
    @Autowired
    ConsoleUserService users;

    TenantSummary source;
    TenantSummary target;

    @BeforeEach
    void twoTenants() {
        var tenantPair = BundleFixtures.sourceAndTarget(tenants, access, branding);
        source = tenantPair.source();
        target = tenantPair.target();
        signIn(OPERATOR);
        var brand = branding.current(source.id()).orElseThrow()
                .withLogo(BrandImage.of("image/png", BrandingTestData.png(64, 32)));
        branding.save(source.id(), 1, brand, "Globex logo");
        var matrix = access.current(source.id()).orElseThrow();
        access.save(source.id(), matrix.version().version(), access.renameRole(
                access.deleteRole(matrix.matrix(), "support_agent"), "advisor", "Wealth advisor"), "Globex roles");
    }

    @Test
    void exporting_a_importing_into_b_and_exporting_b_gives_the_same_content() throws Exception {
        var exported = bundles.export(source.slug().value()).orElseThrow();
        assertThat(exported.fileName()).startsWith("concierge-bundle-" + source.slug() + "-").endsWith(".json");
        var plan = bundles.plan(target.slug().value(), bundles.read(exported.json())).orElseThrow();

        assertThat(plan.nothingToDo()).isFalse();
        assertThat(changes(plan, ConfigArea.BRANDING)).contains("Display name " + target.displayName()
                + " → Globex Invest");
        assertThat(changes(plan, ConfigArea.ACCESS)).contains("Roles: − Support agent (support_agent)",
                "Name of role advisor Advisor → Wealth advisor");
        assertThat(plan.areas()).filteredOn(a -> a.area() == ConfigArea.RULES)
                .singleElement().satisfies(a -> assertThat(a.changed()).isFalse());

        var result = bundles.apply(plan, null);
        assertThat(result.areas()).extracting(ImportResult.AreaOutcome::describe).containsExactly(
                "Branding: saved as version 1", "Investment rules: unchanged", "Roles and permissions: saved as version 2");
        var saved = (Submission.Saved) result.areas().get(0).submission();
        assertThat(saved.version().comment()).isEqualTo("Imported from a bundle of tenant '" + source.slug() + "'");

        var again = bundles.export(target.slug().value()).orElseThrow();
        assertThat(areasOf(again.json())).isEqualTo(areasOf(exported.json()));
        assertThat(bundles.plan(target.slug().value(), bundles.read(exported.json())).orElseThrow().nothingToDo())
                .isTrue();
    }

    @Test
    void importing_into_a_tenant_what_it_exported_plans_nothing_and_writes_nothing() {
        var exported = bundles.export(source.slug().value()).orElseThrow();
        var plan = bundles.plan(source.slug().value(), bundles.read(exported.json())).orElseThrow();

        assertThat(plan.nothingToDo()).isTrue();
        assertThat(plan.areas()).allSatisfy(a -> assertThat(a.changes()).isEmpty());
        var result = bundles.apply(plan, null);
        assertThat(result.areas()).allSatisfy(a -> assertThat(a.submission()).isNull());
        assertThat(areas.history(source.id(), ConfigArea.BRANDING)).hasSize(2);
        assertThat(areas.history(source.id(), ConfigArea.ACCESS)).hasSize(2);
    }

    @Test
    void an_import_writes_only_its_target() {
        var bystander = AccessTestTenants.activeTenant(tenants, access);
        signIn(OPERATOR);
        var plan = bundles.plan(target.slug().value(),
                bundles.read(bundles.export(source.slug().value()).orElseThrow().json())).orElseThrow();
        bundles.apply(plan, "Promote globex's configuration");

        assertThat(areas.history(source.id(), ConfigArea.BRANDING)).hasSize(2);
        assertThat(areas.history(source.id(), ConfigArea.ACCESS)).hasSize(2);
        assertThat(areas.history(bystander.id(), ConfigArea.BRANDING)).isEmpty();
        assertThat(areas.history(bystander.id(), ConfigArea.ACCESS)).hasSize(1);
        assertThat(areas.history(target.id(), ConfigArea.BRANDING)).singleElement()
                .satisfies(v -> assertThat(v.comment()).isEqualTo("Promote globex's configuration"));
    }

    @Test
    void approval_policies_travel_with_the_bundle_and_raising_one_applies_at_once() throws Exception {
        policies.set(source.id(), ConfigArea.RULES, 2, "Two approvals for rules");
        var exported = bundles.export(source.slug().value()).orElseThrow();
        assertThat(JSON.readTree(exported.json()).path("policies"))
                .isEqualTo(JSON.readTree("{\"branding\":0,\"rules\":2,\"access\":0}"));

        var plan = bundles.plan(target.slug().value(), bundles.read(exported.json())).orElseThrow();
        assertThat(plan.policies()).filteredOn(ImportPlan.PolicyPlan::changed).singleElement().satisfies(p -> {
            assertThat(p.change().describe()).isEqualTo("Approvals for investment rules 0 → 2");
            assertThat(p.needsApproval()).isFalse();
        });
        assertThat(policies.required(target.id(), ConfigArea.RULES)).as("a plan writes nothing").isZero();

        var result = bundles.apply(plan, null);
        assertThat(result.policies()).extracting(ImportResult.PolicyOutcome::describe).containsExactly(
                "Approval policy: Investment rules of " + target.slug() + " now needs 2 approvals.");
        assertThat(policies.all(target.id())).isEqualTo(policies.all(source.id()));
        var again = bundles.export(target.slug().value()).orElseThrow();
        assertThat(JSON.readTree(again.json()).path("policies")).isEqualTo(JSON.readTree(exported.json()).path("policies"));
        assertThat(areasOf(again.json())).isEqualTo(areasOf(exported.json()));
        assertThat(bundles.plan(target.slug().value(), bundles.read(again.json())).orElseThrow().nothingToDo()).isTrue();
    }

    @Test
    void lowering_a_policy_by_import_waits_for_another_operators_approval() {
        policies.set(target.id(), ConfigArea.RULES, 2, "Strict rules here");
        var plan = bundles.plan(target.slug().value(),
                bundles.read(bundles.export(source.slug().value()).orElseThrow().json())).orElseThrow();
        assertThat(plan.policies()).filteredOn(ImportPlan.PolicyPlan::changed).singleElement()
                .satisfies(p -> assertThat(p.needsApproval()).isTrue());

        var result = bundles.apply(plan, null);
        var outcome = result.policies().get(0);
        assertThat(outcome.change().applied()).isFalse();
        assertThat(outcome.describe()).startsWith("Approval policy: Lowering a policy needs another operator's "
                + "approval: change request #" + outcome.change().request());
        assertThat(policies.required(target.id(), ConfigArea.RULES)).as("until approved").isEqualTo(2);
        var request = requests.find(outcome.change().request()).orElseThrow();
        assertThat(request.kind()).isEqualTo(ChangeKind.POLICY);
        assertThat(request.state()).isEqualTo(ChangeState.OPEN);
        // the rest of the bundle went in as usual
        assertThat(result.areas()).extracting(ImportResult.AreaOutcome::describe)
                .contains("Roles and permissions: saved as version 2");

        var colleague = new CurrentUser("ops-" + target.slug().value().replace('_', '-'), Role.OPERATOR, null, null);
        Actors.runAs(CurrentUser.SYSTEM, () -> users.createWithPassword(colleague.username(), "colleague-password-1",
                Role.OPERATOR, null, null));
        Actors.runAs(colleague, () -> requests.approve(request.id(), request.contentChecksum(), "agreed"));
        assertThat(policies.required(target.id(), ConfigArea.RULES)).isZero();
    }

    @Test
    void a_partner_admins_bundle_that_changes_a_policy_is_refused_at_plan_time_naming_each_policy() {
        policies.set(source.id(), ConfigArea.RULES, 2, "Two approvals for rules");
        policies.set(source.id(), ConfigArea.BRANDING, 1, "One approval for branding");
        var json = bundles.export(source.slug().value()).orElseThrow().json();
        signIn(partnerAdmin(target.id(), target.slug()));
        var bundle = bundles.read(json);

        assertThatThrownBy(() -> bundles.plan(target.slug().value(), bundle))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> {
                    assertThat(e.field()).isEqualTo("policies");
                    assertThat(e.errors()).extracting(InvalidValueException.FieldError::field)
                            .containsExactly("policies.branding", "policies.rules");
                    assertThat(e.errors().get(1).message()).isEqualTo("Only an operator may change approval "
                            + "policies: the bundle sets the approvals for investment rules to 2 (now 0). Ask an "
                            + "operator to import it, or remove \"policies\" from the file.");
                });
        assertThatThrownBy(() -> bundles.apply(target.slug().value(), bundle, Map.of(), null))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("only an operator may do");
        signIn(OPERATOR);
        assertThat(policies.all(target.id())).containsEntry(ConfigArea.RULES, 0).containsEntry(ConfigArea.BRANDING, 0);
        assertThat(areas.history(target.id(), ConfigArea.BRANDING)).isEmpty();
    }

    @Test
    void a_policy_beyond_the_maximum_is_refused_by_the_schema() throws Exception {
        var document = (ObjectNode) JSON.readTree(bundles.export(source.slug().value()).orElseThrow().json());
        ((ObjectNode) document.path("policies")).put("rules", ApprovalPolicies.MAX_APPROVALS + 1);
        ((ObjectNode) document.path("policies")).put("orders", 1);

        assertThatThrownBy(() -> bundles.read(document.toString()))
                .isInstanceOfSatisfying(BundleRejectedException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p).startsWith("$.policies.rules: "))
                        .anySatisfy(p -> assertThat(p).startsWith("$.policies").contains("orders")));
    }

    @Test
    void a_partner_admin_imports_only_into_their_own_tenant() {
        var json = bundles.export(source.slug().value()).orElseThrow().json();
        signIn(partnerAdmin(target.id(), target.slug()));
        var bundle = bundles.read(json);

        assertThatThrownBy(() -> bundles.plan(source.slug().value(), bundle))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> bundles.apply(source.slug().value(), bundle, Map.of(), null))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> bundles.export(source.slug().value())).isInstanceOf(AccessDeniedException.class);

        var plan = bundles.plan(target.slug().value(), bundle).orElseThrow();
        assertThat(bundles.apply(plan, null).areas()).extracting(ImportResult.AreaOutcome::describe)
                .contains("Branding: saved as version 1");
    }

    @Test
    void an_auditor_may_export_but_not_plan_an_import() {
        var json = bundles.export(source.slug().value()).orElseThrow().json();
        signIn(AUDITOR);
        assertThat(bundles.export(source.slug().value())).isPresent();
        assertThatThrownBy(() -> bundles.plan(target.slug().value(), bundles.read(json)))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void a_version_saved_after_the_plan_makes_the_whole_apply_a_conflict_and_writes_no_area() {
        var plan = bundles.plan(target.slug().value(),
                bundles.read(bundles.export(source.slug().value()).orElseThrow().json())).orElseThrow();
        var matrix = access.current(target.id()).orElseThrow();
        access.save(target.id(), matrix.version().version(),
                access.renameRole(matrix.matrix(), "investor", "Client"), "Meanwhile");

        assertThatThrownBy(() -> bundles.apply(plan, null))
                .isInstanceOf(ConfigurationConflictException.class)
                .hasMessageContaining("Roles and permissions was changed by ops");
        // branding comes first in the bundle and would have been written: it was not
        assertThat(areas.history(target.id(), ConfigArea.BRANDING)).isEmpty();
        assertThat(areas.history(target.id(), ConfigArea.ACCESS)).hasSize(2);
    }

    @Test
    void a_document_against_the_schema_is_refused_with_every_problem_by_path() throws Exception {
        var document = (ObjectNode) JSON.readTree(bundles.export(source.slug().value()).orElseThrow().json());
        ((ObjectNode) document.path("areas").path("access").path("roles").get(0)).put("key", "Not A Key");
        ((ObjectNode) document.path("areas").path("branding")).put("primaryColor", "red");
        document.put("extra", true);

        assertThatThrownBy(() -> bundles.read(document.toString()))
                .isInstanceOfSatisfying(BundleRejectedException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p).startsWith("$.areas.access.roles[0].key: "))
                        .anySatisfy(p -> assertThat(p).startsWith("$.areas.branding.primaryColor: "))
                        .anySatisfy(p -> assertThat(p).startsWith("$: ").contains("extra")));
    }

    @Test
    void not_json_an_unknown_format_and_content_an_area_refuses_are_refused() throws Exception {
        assertThatThrownBy(() -> bundles.read("{\"format\": \"concierge-bundle\", \"format\": 1}"))
                .isInstanceOf(BundleRejectedException.class).hasMessageContaining("$: not valid JSON")
                .hasMessageContaining("Duplicate field 'format'");
        assertThatThrownBy(() -> bundles.read("{\"format\":\"other\",\"formatVersion\":1,\"areas\":{}}"))
                .isInstanceOfSatisfying(BundleRejectedException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p).startsWith("$.format: "))
                        .anySatisfy(p -> assertThat(p).startsWith("$.areas: ")));

        var document = (ObjectNode) JSON.readTree(bundles.export(source.slug().value()).orElseThrow().json());
        ((ObjectNode) document.path("areas").path("access").path("roles").get(0))
                .putArray("scopes").add("bank:rob");
        assertThatThrownBy(() -> bundles.read(document.toString()))
                .isInstanceOfSatisfying(BundleRejectedException.class, e -> assertThat(e.problems())
                        .singleElement().asString().startsWith("$.areas.access.scopes: ")
                        .contains("'bank:rob', which is not in permission catalogue"));
    }

    @Test
    void an_image_is_checked_by_its_bytes_like_an_upload() throws Exception {
        var document = (ObjectNode) JSON.readTree(bundles.export(source.slug().value()).orElseThrow().json());
        var script = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>";
        ((ObjectNode) document.path("areas").path("branding").path("logo"))
                .put("mediaType", "image/svg+xml")
                .put("data", Base64.getEncoder().encodeToString(script.getBytes()));

        assertThatThrownBy(() -> bundles.read(document.toString()))
                .isInstanceOfSatisfying(BundleRejectedException.class, e -> assertThat(e.problems())
                        .singleElement().asString().startsWith("$.areas.branding.logo: "));
    }

    @Test
    void a_tenant_created_like_another_starts_with_its_configuration_as_first_versions() throws Exception {
        policies.set(source.id(), ConfigArea.RULES, 2, "Two approvals for rules");
        var slug = uniqueSlug("like");
        var registration = bundles.registerLike(new NewTenant(slug, "Like Globex", "ops@like.example", null),
                source.slug().value());
        var created = await().atMost(Duration.ofSeconds(60)).until(() -> Actors.callAs(OPERATOR,
                () -> tenants.find(registration.tenant().id()).orElseThrow()), t -> t.status() == TenantStatus.ACTIVE);
        await().atMost(Duration.ofSeconds(20)).until(() -> Actors.callAs(OPERATOR,
                () -> areas.currentVersion(created.id(), ConfigArea.BRANDING).isPresent()
                        && areas.currentVersion(created.id(), ConfigArea.ACCESS).isPresent()));

        assertThat(areasOf(bundles.export(slug).orElseThrow().json()))
                .isEqualTo(areasOf(bundles.export(source.slug().value()).orElseThrow().json()));
        assertThat(policies.all(created.id())).isEqualTo(policies.all(source.id()))
                .containsEntry(ConfigArea.RULES, 2);
        assertThat(policies.isSet(created.id(), ConfigArea.ACCESS)).isTrue();
        // every area, rules too although they are the starting point: the bundle is the tenant's first versions
        for (var area : ConfigArea.values()) {
            assertThat(areas.history(created.id(), area)).singleElement().satisfies(v -> {
                assertThat(v.author()).isEqualTo("system");
                assertThat(v.comment()).isEqualTo("Created like tenant '" + source.slug() + "'");
            });
        }
    }

    @Test
    void a_tenant_from_an_invalid_bundle_or_an_unknown_tenant_is_not_created() {
        var slug = uniqueSlug("bad");
        assertThatThrownBy(() -> bundles.registerFromBundle(new NewTenant(slug, "Bad", "ops@bad.example", null),
                "x.json", "{\"format\":\"concierge-bundle\"}"))
                .isInstanceOf(BundleRejectedException.class).hasMessageContaining("$: required property 'areas'");
        assertThatThrownBy(() -> bundles.registerLike(new NewTenant(slug, "Bad", "ops@bad.example", null),
                "no_such_tenant"))
                .isInstanceOf(io.concierge.shared.InvalidValueException.class)
                .hasMessage("No tenant 'no_such_tenant' to copy.");
        assertThat(tenants.open(slug)).isEmpty();
    }

    @Test
    void the_published_schema_names_every_configuration_area() throws Exception {
        var schema = JSON.readTree(bundles.schema());
        var names = schema.path("properties").path("areas").path("properties");
        var policyNames = schema.path("properties").path("policies").path("propertyNames").path("enum");
        for (var area : ConfigArea.values()) {
            assertThat(names.has(area.key())).as(area.key()).isTrue();
            assertThat(policyNames).as("policy of " + area.key()).contains(JSON.getNodeFactory().textNode(area.key()));
        }
        assertThat(schema.path("properties").path("policies").path("additionalProperties").path("maximum").asInt())
                .isEqualTo(ApprovalPolicies.MAX_APPROVALS);
    }

    private static List<String> changes(ImportPlan plan, ConfigArea area) {
        return plan.areas().stream().filter(a -> a.area() == area).flatMap(a -> a.changes().stream())
                .map(FieldChange::describe).toList();
    }

    private static JsonNode areasOf(String json) throws Exception {
        return JSON.readTree(json).path("areas");
    }
}
