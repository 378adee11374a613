package io.concierge.configuration.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.QueryParameters;
import io.concierge.access.AccessService;
import io.concierge.access.AccessTestTenants;
import io.concierge.branding.BrandingService;
import io.concierge.rules.LotMatching;
import io.concierge.rules.RulesService;
import io.concierge.security.Actors;
import io.concierge.support.KaribuTest;
import io.concierge.support.TestTenants;
import io.concierge.tenant.TenantService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.Map;

import static com.github.mvysny.kaributesting.v10.ButtonKt._click;
import static com.github.mvysny.kaributesting.v10.HasValueUtilsKt._setValue;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

/** The frame every configuration editor shares, seen by each persona on each of the three areas. */
class AreaEditorTests extends KaribuTest {

    private static final Map<String, String> AREAS = Map.of("branding", "branding", "rules", "investment rules",
            "access", "roles and permissions");

    @Autowired
    TenantService tenants;
    @Autowired
    BrandingService branding;
    @Autowired
    RulesService rules;
    @Autowired
    AccessService access;

    @Test
    void an_offboarded_tenants_three_editors_say_why_they_are_read_only_and_offer_no_editing_control() {
        var gone = Actors.callAs(OPERATOR, () -> {
            var t = AccessTestTenants.activeTenant(tenants, access);
            return tenants.offboard(t.id(), t.slug().value());
        });
        login(OPERATOR);
        for (var area : List.of("branding", "rules", "access")) {
            navigate("tenants/" + gone.slug() + "/" + area);
            assertThat(banner()).as(area).isEqualTo("Tenant '" + gone.slug() + "' is offboarded; its "
                    + AREAS.get(area) + " can no longer change.");
            assertThat(_get(AreaEditor.class).editable()).as(area).isFalse();
            _assertNone(Button.class, s -> s.withText("Review and save…"));
            _assertNone(Upload.class);
            _assertNone(Button.class, s -> s.withText("Add role"));
            assertThat(_find(Button.class).stream().map(Button::getText)).as(area).contains("History", "Reload");
        }
    }

    @Test
    void a_suspended_tenant_is_read_only_for_its_partner_admin_and_still_editable_for_an_operator() {
        var held = Actors.callAs(OPERATOR, () -> {
            var t = AccessTestTenants.activeTenant(tenants, access);
            return tenants.suspend(t.id(), "unpaid invoice");
        });
        login(partnerAdmin(held.id(), held.slug()));
        for (var area : List.of("branding", "rules", "access")) {
            navigate("tenants/" + held.slug() + "/" + area);
            assertThat(banner()).as(area).isEqualTo("Tenant '" + held.slug() + "' is suspended (unpaid invoice); its "
                    + AREAS.get(area) + " is read-only until an operator resumes it.");
            _assertNone(Button.class, s -> s.withText("Review and save…"));
        }
        login(OPERATOR);
        navigate("tenants/" + held.slug() + "/rules");
        assertThat(_get(AreaEditor.class).editable()).isTrue();
        _assertNone(Div.class, s -> s.withClasses("concierge-readonly-banner"));
        _get(Button.class, s -> s.withText("Review and save…"));
    }

    @Test
    void an_auditor_is_told_that_auditors_read_and_never_change() {
        var tenant = Actors.callAs(OPERATOR, () -> TestTenants.active(tenants, uniqueSlug("read")));
        login(AUDITOR);
        navigate("tenants/" + tenant.slug() + "/branding");
        assertThat(banner()).isEqualTo("You are signed in as an auditor: you can read branding and its history, "
                + "never change them.");
    }

    @Test
    void leaving_an_editor_with_unsaved_changes_asks_first_in_the_app_and_guards_reload_and_close() {
        var tenant = Actors.callAs(OPERATOR, () -> TestTenants.active(tenants, uniqueSlug("leave")));
        login(partnerAdmin(tenant.id(), tenant.slug()));
        navigate("tenants/" + tenant.slug() + "/rules");
        @SuppressWarnings("unchecked")
        RadioButtonGroup<LotMatching> lots = _get(RadioButtonGroup.class, s -> s.withLabel("Capital-gains lot matching"));
        _setValue(lots, LotMatching.LIFO);
        assertThat(_get(AreaEditor.class).hasUnsavedChanges()).isTrue();
        assertThat(_get(AreaEditor.class).leaveGuardArmed()).as("reload or close asks first").isTrue();

        navigate("tenants/" + tenant.slug() + "/branding");
        var ask = _get(Dialog.class);
        assertThat(ask.getHeaderTitle()).isEqualTo("Discard unsaved changes?");
        assertThat(activeView()).as("still on the rules").isEqualTo("RulesView");
        _click(_get(ask, Button.class, s -> s.withText("Keep editing")));
        assertThat(activeView()).isEqualTo("RulesView");
        assertThat(lots.getValue()).isEqualTo(LotMatching.LIFO);

        navigate("tenants/" + tenant.slug() + "/branding");
        var again = _get(Dialog.class);
        assertThat(again.getHeaderTitle()).isEqualTo("Discard unsaved changes?");
        _click(_get(again, Button.class, s -> s.withText("Discard changes")));
        assertThat(activeView()).isEqualTo("BrandingView");
        assertThat(_get(AreaEditor.class).leaveGuardArmed()).as("the new editor has nothing unsaved").isFalse();
        assertThat(Actors.callAs(OPERATOR, () -> rules.history(tenant.id()))).isEmpty();
    }

    @Test
    void leaving_an_editor_without_changes_does_not_ask() {
        var tenant = Actors.callAs(OPERATOR, () -> TestTenants.active(tenants, uniqueSlug("calm")));
        login(partnerAdmin(tenant.id(), tenant.slug()));
        navigate("tenants/" + tenant.slug() + "/access");
        navigate("tenants/" + tenant.slug() + "/branding");
        _assertNone(Dialog.class);
        assertThat(activeView()).isEqualTo("BrandingView");
    }

    @Test
    void required_fields_are_all_marked_at_once_with_a_summary_at_the_top_and_no_toast() {
        var tenant = Actors.callAs(OPERATOR, () -> TestTenants.active(tenants, uniqueSlug("req")));
        login(partnerAdmin(tenant.id(), tenant.slug()));
        navigate("tenants/" + tenant.slug() + "/branding");
        var name = _get(TextField.class, s -> s.withLabel("Display name"));
        var primary = _get(TextField.class, s -> s.withLabel("Primary colour"));
        _setValue(name, "");
        _setValue(primary, "");
        _click(_get(Button.class, s -> s.withText("Review and save…")));

        assertThat(name.isInvalid()).isTrue();
        assertThat(name.getErrorMessage()).isEqualTo("Display name is required.");
        assertThat(primary.isInvalid()).isTrue();
        assertThat(primary.getErrorMessage()).isEqualTo("Primary colour is required.");
        assertThat(_get(AreaEditor.class).errorSummary()).containsExactly("Display name: Display name is required.",
                "Primary colour: Primary colour is required.");
        _assertNone(ReviewChangesDialog.class);
        assertThat(com.github.mvysny.kaributesting.v10.NotificationsKt.getNotifications()).isEmpty();
    }

    @Test
    void a_field_is_checked_when_the_user_leaves_it() {
        var tenant = Actors.callAs(OPERATOR, () -> TestTenants.active(tenants, uniqueSlug("blur")));
        login(partnerAdmin(tenant.id(), tenant.slug()));
        navigate("tenants/" + tenant.slug() + "/branding");
        var url = _get(TextField.class, s -> s.withLabel("Support URL"));
        _setValue(url, "not a url");
        com.github.mvysny.kaributesting.v10.BasicUtilsKt._blur(url);
        assertThat(url.isInvalid()).isTrue();
        assertThat(url.getErrorMessage()).contains("Support URL");
        _setValue(url, "https://help.example.com");
        com.github.mvysny.kaributesting.v10.BasicUtilsKt._blur(url);
        assertThat(url.isInvalid()).isFalse();
    }

    @Test
    void an_old_version_opens_read_only_with_a_way_back_to_the_current_one() {
        var tenant = Actors.callAs(OPERATOR, () -> AccessTestTenants.activeTenant(tenants, access));
        login(OPERATOR);
        UI.getCurrent().navigate("tenants/" + tenant.slug() + "/access", QueryParameters.fromString("version=1"));
        assertThat(banner()).startsWith("You are looking at version 1, read-only.");
        assertThat(_get(Anchor.class, s -> s.withText("Open the current version")).getHref())
                .isEqualTo("tenants/" + tenant.slug() + "/access");
        _assertNone(Button.class, s -> s.withText("Review and save…"));
    }

    private static String banner() {
        var banner = _find(Div.class, s -> s.withClasses("concierge-readonly-banner")).get(0);
        assertThat(banner.isVisible()).as("the read-only banner is shown").isTrue();
        return banner.getChildren().findFirst().orElseThrow().getElement().getText();
    }

    private static String activeView() {
        return UI.getCurrent().getInternals().getActiveRouterTargetsChain().get(0).getClass().getSimpleName();
    }
}
