package io.concierge.bundles.ui;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.UploadKt;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.TextField;
import io.concierge.access.AccessService;
import io.concierge.branding.BrandingService;
import io.concierge.bundles.BundleFixtures;
import io.concierge.bundles.BundleService;
import io.concierge.changes.ApprovalPolicies;
import io.concierge.configuration.ConfigArea;
import io.concierge.configuration.ConfigurationAreas;
import io.concierge.security.Actors;
import io.concierge.support.KaribuTest;
import io.concierge.tenant.TenantService;
import io.concierge.tenant.TenantSummary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The bundle card of the tenant page and "create like" in the create dialog, server-side. */
class BundleViewTests extends KaribuTest {

    @Autowired
    TenantService tenants;
    @Autowired
    AccessService access;
    @Autowired
    BrandingService branding;
    @Autowired
    BundleService bundles;
    @Autowired
    ConfigurationAreas areas;
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

    private String exported() {
        return Actors.callAs(OPERATOR, () -> bundles.export(source.slug().value()).orElseThrow().json());
    }

    @Test
    void an_operator_uploads_a_bundle_sees_the_plan_per_area_and_applies_it() {
        var json = exported();
        login(OPERATOR);
        navigate("tenants/" + target.slug());
        _get(H3.class, s -> s.withText("Configuration bundle"));
        UploadKt._upload(_get(BundlePanel.Card.class).upload, "globex.json", "application/json", json.getBytes(StandardCharsets.UTF_8));

        var dialog = _get(ImportDialog.class);
        assertThat(dialog.summary.getText()).isEqualTo("The bundle of " + source.slug() + " changes 1 area of "
                + target.slug() + ".");
        _get(dialog, H4.class, s -> s.withText("Investment rules: unchanged"));
        _get(dialog, H4.class, s -> s.withText("Roles and permissions: unchanged"));
        @SuppressWarnings("unchecked")
        Grid<io.concierge.configuration.FieldChange> diff = _get(dialog, Grid.class);
        assertThat(GridKt._getFormattedRow(diff, 0)).startsWith("Display name", target.displayName(),
                "Globex Invest");
        _click(_get(dialog, Button.class, s -> s.withText("Apply 1 area")));

        _assertNone(ImportDialog.class);
        signIn(OPERATOR);
        assertThat(areas.history(target.id(), ConfigArea.BRANDING)).singleElement()
                .satisfies(v -> assertThat(v.comment()).isEqualTo("Imported from a bundle of tenant '"
                        + source.slug() + "'"));
    }

    @Test
    void a_bundle_that_raises_a_policy_shows_it_in_the_plan_and_applies_it() throws Exception {
        var bundle = (ObjectNode) new ObjectMapper().readTree(exported());
        ((ObjectNode) bundle.path("policies")).put("rules", 2);
        login(OPERATOR);
        navigate("tenants/" + target.slug());
        UploadKt._upload(_get(BundlePanel.Card.class).upload, "globex.json", "application/json",
                bundle.toString().getBytes(StandardCharsets.UTF_8));

        var dialog = _get(ImportDialog.class);
        assertThat(dialog.summary.getText()).isEqualTo("The bundle of " + source.slug() + " changes 1 area and 1"
                + " approval policy of " + target.slug() + ".");
        _get(dialog, H4.class, s -> s.withText("Approval policies"));
        _click(_get(dialog, Button.class, s -> s.withText("Apply 1 area and 1 approval policy")));

        _assertNone(ImportDialog.class);
        signIn(OPERATOR);
        assertThat(policies.required(target.id(), ConfigArea.RULES)).as("raising applies at once").isEqualTo(2);
        assertThat(areas.history(target.id(), ConfigArea.BRANDING)).hasSize(1);
    }

    @Test
    void a_bundle_that_changes_only_a_policy_says_just_that() throws Exception {
        var own = Actors.callAs(OPERATOR, () -> bundles.export(target.slug().value()).orElseThrow().json());
        var bundle = (ObjectNode) new ObjectMapper().readTree(own);
        ((ObjectNode) bundle.path("policies")).put("rules", 3);
        login(OPERATOR);
        navigate("tenants/" + target.slug());
        UploadKt._upload(_get(BundlePanel.Card.class).upload, "own.json", "application/json",
                bundle.toString().getBytes(StandardCharsets.UTF_8));

        var dialog = _get(ImportDialog.class);
        assertThat(dialog.summary.getText()).isEqualTo("The bundle of " + target.slug() + " changes 1 approval policy of "
                + target.slug() + ".");
        _get(dialog, Button.class, s -> s.withText("Apply 1 approval policy"));
    }

    @Test
    void a_refused_bundle_lists_its_problems_by_path_and_opens_no_plan() {
        var json = exported().replace("\"primaryColor\" : \"#1A4D8F\"", "\"primaryColor\" : \"blue\"");
        login(partnerAdmin(target.id(), target.slug()));
        navigate("tenants/" + target.slug());
        var card = _get(BundlePanel.Card.class);
        UploadKt._upload(card.upload, "bad.json", "application/json", json.getBytes(StandardCharsets.UTF_8));

        _assertNone(ImportDialog.class);
        assertThat(card.problems.getChildren()).map(c -> ((ListItem) c).getText()).containsExactly(
                "The bundle was not imported:",
                "$.areas.branding.primaryColor: does not match the regex pattern ^#[0-9A-F]{6}$");
        signIn(OPERATOR);
        assertThat(areas.history(target.id(), ConfigArea.BRANDING)).isEmpty();
    }

    @Test
    void auditors_see_no_bundle_card_and_partner_admins_see_it_on_their_own_tenant() {
        login(AUDITOR);
        navigate("tenants/" + target.slug());
        _assertNone(H3.class, s -> s.withText("Configuration bundle"));
        login(partnerAdmin(target.id(), target.slug()));
        navigate("tenants/" + target.slug());
        _get(H3.class, s -> s.withText("Configuration bundle"));
    }

    @Test
    void the_create_dialog_starts_a_tenant_like_another() {
        login(OPERATOR);
        navigate("tenants");
        _click(_get(Button.class, spec -> spec.withText("New tenant")));
        var dialog = _get(Dialog.class);
        var slug = uniqueSlug("likeui");
        _setValue(_get(dialog, TextField.class, spec -> spec.withLabel("Slug")), slug);
        _setValue(_get(dialog, TextField.class, spec -> spec.withLabel("Display name")), "Like Globex");
        _setValue(_get(dialog, EmailField.class, spec -> spec.withLabel("Contact email")), "ops@like.example");
        @SuppressWarnings("unchecked")
        RadioButtonGroup<Object> start = _get(dialog, RadioButtonGroup.class);
        _assertNone(dialog, TextField.class, spec -> spec.withLabel("Like tenant"));
        start.setValue(start.getListDataView().getItems().filter(i -> i.toString().equals("LIKE")).findFirst()
                .orElseThrow());
        var like = _get(dialog, TextField.class, spec -> spec.withLabel("Like tenant"));
        _setValue(like, "no_such_tenant");
        _click(_get(dialog, Button.class, spec -> spec.withText("Create tenant")));
        assertThat(like.isInvalid()).isTrue();
        assertThat(like.getErrorMessage()).isEqualTo("No tenant 'no_such_tenant' to copy.");

        _setValue(like, source.slug().value());
        _click(_get(dialog, Button.class, spec -> spec.withText("Create tenant")));
        signIn(OPERATOR);
        var created = tenants.open(slug).orElseThrow();
        await().atMost(Duration.ofSeconds(60)).until(() -> Actors.callAs(OPERATOR,
                () -> areas.currentVersion(created.id(), ConfigArea.BRANDING).isPresent()));
        assertThat(areas.history(created.id(), ConfigArea.BRANDING)).singleElement()
                .satisfies(v -> assertThat(v.comment()).isEqualTo("Created like tenant '" + source.slug() + "'"));
        assertThat(branding.current(created.id()).orElseThrow().displayName()).isEqualTo("Globex Invest");
    }
}
