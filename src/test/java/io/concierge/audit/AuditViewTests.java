package io.concierge.audit;

import com.github.mvysny.kaributesting.v10.DownloadKt;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.QueryParameters;
import io.concierge.audit.internal.AuditCheckpoints;
import io.concierge.configuration.ConfigArea;
import io.concierge.configuration.ConfigurationStore;
import io.concierge.configuration.FieldChange;
import io.concierge.security.CurrentUser;
import io.concierge.security.Actors;
import io.concierge.support.KaribuTest;
import io.concierge.tenant.NewTenant;
import io.concierge.tenant.TenantService;
import io.concierge.tenant.TenantStatus;
import io.concierge.tenant.TenantSummary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static com.github.mvysny.kaributesting.v10.HasValueUtilsKt._setValue;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

class AuditViewTests extends KaribuTest {

    @Autowired
    TenantService tenants;
    @Autowired
    ConfigurationStore store;
    @Autowired
    AuditLog log;
    @Autowired
    io.concierge.access.AccessService access;
    @Autowired
    AuditCheckpoints checkpoints;

    private TenantSummary acme;
    private TenantSummary globex;

    @BeforeEach
    void twoTenantsWithHistory() {
        login(OPERATOR);
        acme = register("acme");
        globex = register("globex");
        store.save(acme.id(), acme.slug(), ConfigArea.BRANDING, 0, "{\"color\":\"red\",\"name\":\"Acme\"}", "launch");
        store.save(acme.id(), acme.slug(), ConfigArea.BRANDING, 1, "{\"color\":\"green\",\"name\":\"Acme\"}", "greener");
        store.save(globex.id(), globex.slug(), ConfigArea.BRANDING, 0, "{\"color\":\"blue\"}", "globex launch");
    }

    @Test
    void an_auditor_filters_opens_a_diff_and_exports_what_they_see() {
        login(AUDITOR);
        navigate("audit");

        _setValue(_get(TextField.class, spec -> spec.withLabel("Tenant")), acme.slug().value());
        _setValue(area(), AuditArea.BRANDING);
        var grid = entriesGrid();
        var rows = GridKt._fetch(grid, 0, 50);
        assertThat(rows).extracting(AuditEntry::detail).containsExactly("greener", "launch");
        assertThat(GridKt._getFormattedRow(grid, 0)).contains("ops", acme.slug().value(), "Branding",
                "Configuration saved", "greener", "2");

        GridKt._clickItem(grid, 0, 1, false, false, false, false);
        var dialog = _get(Dialog.class);
        assertThat(dialog.getHeaderTitle()).isEqualTo("Entry #" + rows.get(0).id() + " · Configuration saved");
        @SuppressWarnings("unchecked")
        Grid<FieldChange> changes = _get(dialog, Grid.class);
        assertThat(GridKt._fetch(changes, 0, 10))
                .containsExactly(new FieldChange("color", "red", "green"));
        assertThat(GridKt._fetch(changes, 0, 10)).extracting(FieldChange::describe).containsExactly("color red → green");
        _click(_get(dialog, Button.class, spec -> spec.withText("Close")));

        var csv = new String(DownloadKt._download(_get(Anchor.class, spec -> spec.withText("Export CSV"))),
                StandardCharsets.UTF_8);
        var lines = csv.split("\r\n");
        assertThat(lines[0]).startsWith("id,occurred_at,actor,actor_role,tenant_id,tenant_slug,area,action");
        assertThat(lines).hasSize(3);
        assertThat(lines[1]).contains(acme.slug().value(), "configuration.saved", "greener");
        var json = new String(DownloadKt._download(_get(Anchor.class, spec -> spec.withText("Export JSON"))),
                StandardCharsets.UTF_8);
        assertThat(json).startsWith("[{\"id\":" + rows.get(0).id()).contains("\"after\":{\"color\":\"green\"");
    }

    @Test
    void an_auditor_verifies_the_chain_from_the_view() {
        var signed = checkpoints.take().orElseThrow();
        login(AUDITOR);
        navigate("audit");
        _click(_get(Button.class, spec -> spec.withText("Verify integrity")));
        assertThat(_get(Span.class, spec -> spec.withPredicate(s -> s.getText().startsWith("Chain intact"))).getText())
                .matches("Chain intact: \\d+ entries verified\\. Compared with [1-9]\\d* signed checkpoints?\\.");
        var kept = new String(DownloadKt._download(_get(Anchor.class, spec -> spec.withText("Download checkpoints"))),
                StandardCharsets.UTF_8);
        assertThat(kept.lines().toList()).last().asString().contains("\"entryId\":" + signed.entryId(),
                "\"headHash\":\"" + signed.headHash() + "\"", "\"signature\":\"" + signed.signature() + "\"");
    }

    @Test
    void filters_can_come_from_the_url() {
        login(AUDITOR);
        open("audit", "tenant=" + globex.slug().value() + "&area=branding");
        assertThat(_get(TextField.class, spec -> spec.withLabel("Tenant")).getValue()).isEqualTo(globex.slug().value());
        assertThat(GridKt._fetch(entriesGrid(), 0, 50)).extracting(AuditEntry::detail).containsExactly("globex launch");
    }

    @Test
    void a_partner_admin_sees_only_their_own_tenants_entries() {
        login(partnerAdmin(acme));
        navigate("audit");

        var tenant = _get(TextField.class, spec -> spec.withLabel("Tenant"));
        assertThat(tenant.getValue()).isEqualTo(acme.slug().value());
        assertThat(tenant.isReadOnly()).isTrue();
        var rows = GridKt._fetch(entriesGrid(), 0, 200);
        assertThat(rows).isNotEmpty().allSatisfy(e -> assertThat(e.tenant()).isEqualTo(acme.id()));
        _setValue(_get(TextField.class, spec -> spec.withLabel("Search")), "globex");
        assertThat(GridKt._fetch(entriesGrid(), 0, 200)).isEmpty();
        assertThat(_find(Button.class, spec -> spec.withText("Verify integrity"))).isEmpty();
    }

    @Test
    void a_partner_admin_cannot_open_another_tenants_history_by_url() {
        login(partnerAdmin(acme));
        assertRefused("audit?tenant=" + globex.slug().value());

        login(AUDITOR);
        var refusal = log.page(new AuditFilter(null, acme.slug().value() + "-admin", AuditAction.ACCESS_REFUSED, null,
                null, null, null), null, 5);
        assertThat(refusal).extracting(AuditEntry::target)
                .contains("read the audit history of tenant '" + globex.slug().value() + "'");
    }

    @Test
    void an_auditor_sees_who_could_exercise_a_scope_at_a_moment() throws Exception {
        // provisioning activates the tenant and the access module seeds its roles; these saves build on that
        var seeded = await().atMost(Duration.ofSeconds(60)).until(() -> Actors.callAs(CurrentUser.SYSTEM,
                () -> store.current(acme.id(), ConfigArea.ACCESS)), java.util.Optional::isPresent).orElseThrow();
        store.save(acme.id(), acme.slug(), ConfigArea.ACCESS, seeded.version(), """
                {"catalogVersion":"2026.11","roles":[
                  {"key":"investor","name":"Investor","scopes":["orders:create","portfolio:read"]},
                  {"key":"viewer","name":"Viewer","scopes":["portfolio:read"]}]}""", "initial roles");
        Thread.sleep(5);
        var between = Instant.now();
        Thread.sleep(5);
        store.save(acme.id(), acme.slug(), ConfigArea.ACCESS, seeded.version() + 1, """
                {"catalogVersion":"2026.11","roles":[
                  {"key":"investor","name":"Investor","scopes":["portfolio:read"]},
                  {"key":"viewer","name":"Viewer","scopes":["portfolio:read"]}]}""", "no more orders");
        login(AUDITOR);

        open("audit/as-of", "tenant=" + acme.slug().value() + "&area=access&scope=orders:create&at=" + between);
        assertThat(paragraphContaining("Version " + (seeded.version() + 1) + " by ops").getText()).contains("initial roles");
        _click(_get(Button.class, spec -> spec.withText("Who could")));
        assertThat(_find(ListItem.class)).extracting(ListItem::getText).containsExactly("Investor (investor)");

        var now = Instant.now().plusSeconds(60);
        open("audit/as-of", "tenant=" + acme.slug().value() + "&area=access&scope=orders:create&at=" + now);
        _click(_get(Button.class, spec -> spec.withText("Who could")));
        assertThat(_find(ListItem.class)).isEmpty();
        assertThat(paragraphContaining("no role had scope orders:create").getText())
                .contains("version " + (seeded.version() + 2));
    }

    @Test
    void audit_entries_and_as_of_speak_like_the_editors_and_as_of_opens_the_areas_own_read_only_editor() {
        var seeded = await().atMost(Duration.ofSeconds(60)).until(() -> Actors.callAs(CurrentUser.SYSTEM,
                () -> access.current(acme.id())), java.util.Optional::isPresent).orElseThrow();
        var saved = Actors.callAs(OPERATOR, () -> access.save(acme.id(), seeded.version().version(),
                seeded.matrix().withGrant("support_agent", "orders:create", true), "support places orders"));
        login(AUDITOR);
        var entry = log.page(new AuditFilter(acme.slug().value(), null, AuditAction.CONFIGURATION_SAVED, AuditArea.ACCESS,
                null, null, null), null, 1).get(0);
        assertThat(entry.producedVersion()).isEqualTo(saved.version());
        assertThat(log.details(entry.id()).orElseThrow().changes()).extracting(FieldChange::describe)
                .containsExactly("Support agent: + orders:create");

        open("audit/as-of", "tenant=" + acme.slug().value() + "&area=access&at=" + Instant.now().plusSeconds(1));
        var editor = _get(Anchor.class, spec -> spec.withText("Open roles and permissions v" + saved.version()
                + " in its editor, read-only"));
        assertThat(editor.getHref()).isEqualTo("tenants/" + acme.slug().value() + "/access?version=" + saved.version());
        var raw = _get(com.vaadin.flow.component.details.Details.class, spec -> spec.withPredicate(
                d -> "Raw JSON".equals(d.getSummaryText())));
        assertThat(raw.isOpened()).as("the raw JSON is one click away, not in the way").isFalse();
        @SuppressWarnings("unchecked")
        Grid<FieldChange> fields = _get(_get(io.concierge.configuration.ui.DiffList.class), Grid.class);
        assertThat(GridKt._fetch(fields, 0, 500)).extracting(FieldChange::describe)
                .contains("Support agent: + orders:create");

        var href = editor.getHref().split("\\?");
        UI.getCurrent().navigate(href[0], QueryParameters.fromString(href[1]));
        assertThat(_get(io.concierge.configuration.ui.AreaEditor.class).snapshot().versionNumber())
                .isEqualTo(saved.version());
        _assertNone(Button.class, spec -> spec.withText("Review and save…"));
    }

    @Test
    void the_consoles_own_actions_are_shown_as_the_consoles_not_as_an_operators() {
        // provisioning activates the tenant as the console itself (CurrentUser.SYSTEM, with the operator role)
        await().atMost(Duration.ofSeconds(60)).until(() -> Actors.callAs(CurrentUser.SYSTEM,
                () -> tenants.find(acme.id()).orElseThrow().status()) == TenantStatus.ACTIVE);
        login(AUDITOR);
        navigate("audit");
        _setValue(_get(TextField.class, spec -> spec.withLabel("Tenant")), acme.slug().value());
        _setValue(area(), AuditArea.TENANT);

        var grid = entriesGrid();
        var rows = GridKt._fetch(grid, 0, 50);
        assertThat(rows).extracting(AuditEntry::actor, AuditEntry::action).containsExactly(
                tuple("system", AuditAction.TENANT_ACTIVATED),
                tuple("ops", AuditAction.TENANT_REGISTERED));
        assertThat(GridKt._getFormattedRow(grid, 0)).contains("system", "Console").doesNotContain("Operator");
        assertThat(GridKt._getFormattedRow(grid, 1)).contains("ops", "Operator");

        GridKt._clickItem(grid, 0, 1, false, false, false, false);
        assertThat(_find(_get(Dialog.class), Span.class)).extracting(Span::getText).contains("system (Console)");
    }

    private static void open(String path, String query) {
        UI.getCurrent().navigate(path, QueryParameters.fromString(query));
    }

    private static Paragraph paragraphContaining(String text) {
        return _get(Paragraph.class, spec -> spec.withPredicate(p -> p.getText().contains(text)));
    }

    @SuppressWarnings("unchecked")
    private static Grid<AuditEntry> entriesGrid() {
        return _get(Grid.class);
    }

    @SuppressWarnings("unchecked")
    private static ComboBox<AuditArea> area() {
        return _get(ComboBox.class, spec -> spec.withLabel("Area"));
    }

    private static CurrentUser partnerAdmin(TenantSummary t) {
        return partnerAdmin(t.id(), t.slug());
    }

    private TenantSummary register(String prefix) {
        return tenants.register(new NewTenant(uniqueSlug(prefix), prefix + " Ltd", "ops@" + prefix + ".example", null))
                .tenant();
    }
}
