package io.concierge.access.ui;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import io.concierge.access.AccessService;
import io.concierge.access.AccessTestTenants;
import io.concierge.access.Permission;
import io.concierge.access.RoleGrant;
import io.concierge.configuration.ConfigVersion;
import io.concierge.configuration.FieldChange;
import io.concierge.configuration.ui.ConflictNotice;
import io.concierge.configuration.ui.DiffList;
import io.concierge.configuration.ui.HistoryDialog;
import io.concierge.configuration.ui.ReviewChangesDialog;
import io.concierge.security.Actors;
import io.concierge.support.KaribuTest;
import io.concierge.tenant.TenantService;
import io.concierge.tenant.TenantSummary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.LocalDateTime;
import java.util.List;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static com.github.mvysny.kaributesting.v10.NotificationsKt.expectNotifications;
import static org.assertj.core.api.Assertions.assertThat;

class AccessViewTests extends KaribuTest {

    @Autowired
    AccessService access;
    @Autowired
    TenantService tenants;

    TenantSummary tenant;

    @BeforeEach
    void anActiveTenant() {
        tenant = AccessTestTenants.activeTenant(tenants, access);
    }

    private MatrixGrid openAsPartnerAdmin() {
        login(partnerAdmin(tenant.id(), tenant.slug()));
        navigate("tenants/" + tenant.slug() + "/access");
        return _get(MatrixGrid.class);
    }

    private static Button button(String text) {
        return _get(Button.class, spec -> spec.withText(text));
    }

    @Test
    void a_partner_admin_edits_a_cell_reviews_the_diff_saves_and_finds_the_version_in_history() {
        var grid = openAsPartnerAdmin();
        assertThat(MatrixCells.checked(grid, "orders:cancel", "advisor")).isFalse();
        assertThat(button("Review and save…").isEnabled()).isFalse();

        MatrixCells.click(grid, "orders:cancel", "advisor");
        assertThat(MatrixCells.checked(grid, "orders:cancel", "advisor")).isTrue();
        assertThat(_get(Span.class, spec -> spec.withText("Unsaved changes"))).isNotNull();

        _click(button("Review and save…"));
        var dialog = _get(ReviewChangesDialog.class);
        @SuppressWarnings("unchecked")
        Grid<FieldChange> diff = _get(_get(dialog, DiffList.class), Grid.class);
        assertThat(GridKt._size(diff)).isEqualTo(1);
        assertThat(GridKt._getFormattedRow(diff, 0)).containsExactly("Advisor", "–", "orders:cancel");

        _click(_get(dialog, Button.class, spec -> spec.withText("Save")));
        assertThat(_get(dialog, TextArea.class).getErrorMessage()).isEqualTo("A short comment saying why is required.");
        _setValue(_get(dialog, TextArea.class), "Advisors may cancel orders");
        _click(_get(dialog, Button.class, spec -> spec.withText("Save")));
        expectNotifications("Roles and permissions saved as version 2.");
        assertThat(Actors.callAs(OPERATOR, () -> access.can(tenant.id(), "advisor", "orders:cancel"))).isTrue();

        _click(button("History"));
        var history = _get(HistoryDialog.class);
        @SuppressWarnings("unchecked")
        Grid<ConfigVersion> versions = _find(history, Grid.class).get(0);
        assertThat(GridKt._getFormattedRow(versions, 0)).startsWith("v2", tenant.slug() + "-admin")
                .contains("Advisors may cancel orders");
        assertThat(GridKt._getFormattedRow(versions, 1)).startsWith("v1", "system").contains("Seeded from role templates");
    }

    @Test
    void a_save_after_someone_else_saved_shows_the_conflict_and_reload_shows_their_version() {
        var grid = openAsPartnerAdmin();
        MatrixCells.click(grid, "orders:cancel", "advisor");
        Actors.runAs(OPERATOR, () -> {
            var current = access.current(tenant.id()).orElseThrow();
            access.save(tenant.id(), 1, current.matrix().withoutRole("support_agent"), "No support agents yet");
        });

        _click(button("Review and save…"));
        var dialog = _get(ReviewChangesDialog.class);
        _setValue(_get(dialog, TextArea.class), "Advisors may cancel orders");
        _click(_get(dialog, Button.class, spec -> spec.withText("Save")));
        var conflict = _get(dialog, ConflictNotice.class);
        assertThat(_get(conflict, Paragraph.class).getText()).contains("was changed by ops at").contains("(version 2)")
                .contains("nothing was overwritten");

        _click(_get(conflict, Button.class, spec -> spec.withText("Reload")));
        assertThat(_find(Paragraph.class, spec -> spec.withText("Version 2")).isEmpty()).isTrue();
        var line = _find(Paragraph.class).stream().map(Paragraph::getText).filter(t -> t.startsWith("Version ")).findFirst();
        assertThat(line).hasValueSatisfying(t -> assertThat(t).startsWith("Version 2 · v2 by ops"));
        assertThat(grid.getColumnByKey(MatrixGrid.columnKey("support_agent"))).isNull();
        var saved = Actors.callAs(OPERATOR, () -> access.current(tenant.id()).orElseThrow());
        assertThat(saved.version().version()).isEqualTo(2);
        assertThat(saved.matrix().can("advisor", "orders:cancel")).isFalse();
    }

    @Test
    void a_partner_admin_restores_an_old_version_from_the_history() {
        Actors.runAs(OPERATOR, () -> access.save(tenant.id(), 1,
                access.current(tenant.id()).orElseThrow().matrix().withoutRole("advisor"), "No advisors"));
        var grid = openAsPartnerAdmin();
        assertThat(grid.getColumnByKey(MatrixGrid.columnKey("advisor"))).isNull();

        _click(button("History"));
        var history = _get(HistoryDialog.class);
        @SuppressWarnings("unchecked")
        Grid<ConfigVersion> versions = _find(history, Grid.class).get(0);
        GridKt._selectRow(versions, 1);
        @SuppressWarnings("unchecked")
        Grid<FieldChange> diff = _get(_get(history, DiffList.class), Grid.class);
        assertThat(GridKt._getFormattedRow(diff, 0)).containsExactly("Roles", "–", "Advisor (advisor)");

        _click(_get(history, Button.class, spec -> spec.withText("Restore this version")));
        _click(_get(history, Button.class, spec -> spec.withText("Restore v1 as a new version")));
        assertThat(_get(history, TextArea.class).getErrorMessage()).isEqualTo("A short comment saying why is required.");
        _setValue(_get(history, TextArea.class), "Advisors are back");
        _click(_get(history, Button.class, spec -> spec.withText("Restore v1 as a new version")));
        expectNotifications("Restored v1 as v3.");
        assertThat(GridKt._getFormattedRow(versions, 0)).startsWith("v3", tenant.slug() + "-admin").contains("restored from v1");
        assertThat(grid.getColumnByKey(MatrixGrid.columnKey("advisor"))).isNotNull();
    }

    @Test
    void an_auditor_sees_the_matrix_and_history_without_any_editing_control() {
        login(AUDITOR);
        navigate("tenants/" + tenant.slug() + "/access");
        var grid = _get(MatrixGrid.class);
        for (var text : List.of("Review and save…", "Add role", "Rename role", "Delete role")) {
            _assertNone(Button.class, spec -> spec.withText(text));
        }
        assertThat(MatrixCells.shown(grid, "orders:create", "investor")).isEqualTo("✓");
        assertThat(MatrixCells.shown(grid, "kyc:review", "investor")).isEmpty();
        assertThat(grid.getColumnByKey(MatrixGrid.columnKey("investor")).getRenderer().toString()).doesNotContain("toggle");

        _click(button("History"));
        var history = _get(HistoryDialog.class);
        _assertNone(history, Button.class, spec -> spec.withText("Restore this version"));
    }

    @Test
    void a_partner_admin_opening_another_tenants_matrix_is_refused() {
        var other = AccessTestTenants.activeTenant(tenants, access);
        login(partnerAdmin(tenant.id(), tenant.slug()));
        assertRefused("tenants/" + other.slug() + "/access");
    }

    @Test
    void roles_are_added_renamed_and_deleted_with_confirmation_before_review() {
        var grid = openAsPartnerAdmin();
        _click(button("Add role"));
        _setValue(_get(TextField.class, spec -> spec.withLabel("Key")), "Bad Key");
        _setValue(_get(TextField.class, spec -> spec.withLabel("Name")), "Relationship manager");
        var addDialog = _get(Dialog.class);
        _click(_get(addDialog, Button.class, spec -> spec.withText("Add role")));
        assertThat(_get(TextField.class, spec -> spec.withLabel("Key")).getErrorMessage()).contains("must be 2 to 40 characters");
        _setValue(_get(TextField.class, spec -> spec.withLabel("Key")), "relationship_manager");
        _click(_get(addDialog, Button.class, spec -> spec.withText("Add role")));
        var header = (com.vaadin.flow.component.html.Span) grid.getColumnByKey(
                MatrixGrid.columnKey("relationship_manager")).getHeaderComponent();
        assertThat(header.getText()).isEqualTo("Relationship manager");
        assertThat(header.getStyle().get("white-space")).as("a long name wraps, not cut").isEqualTo("normal");
        MatrixCells.click(grid, "portfolio (all 4)", "relationship_manager");

        _click(button("Rename role"));
        @SuppressWarnings("unchecked")
        Select<RoleGrant> role = _get(Select.class, spec -> spec.withLabel("Role"));
        _setValue(role, role.getListDataView().getItems().filter(r -> r.key().equals("advisor")).findFirst().orElseThrow());
        _setValue(_get(TextField.class, spec -> spec.withLabel("New name")), "Wealth advisor");
        _click(button("Rename"));

        _click(button("Delete role"));
        @SuppressWarnings("unchecked")
        Select<RoleGrant> doomed = _get(Select.class, spec -> spec.withLabel("Role"));
        _setValue(doomed, doomed.getListDataView().getItems().filter(r -> r.key().equals("support_agent")).findFirst().orElseThrow());
        assertThat(_find(Paragraph.class).stream().map(Paragraph::getText))
                .anyMatch(t -> t.contains("Delete role 'Support agent'") && t.contains("The platform may still use it"));
        _click(_get(_get(Dialog.class), Button.class, spec -> spec.withText("Delete role")));
        assertThat(grid.getColumnByKey(MatrixGrid.columnKey("support_agent"))).isNull();

        _click(button("Review and save…"));
        @SuppressWarnings("unchecked")
        Grid<FieldChange> diff = _get(_get(_get(ReviewChangesDialog.class), DiffList.class), Grid.class);
        var lines = GridKt._findAll(diff).stream().map(FieldChange::describe).toList();
        assertThat(lines).contains("Name of role advisor Advisor → Wealth advisor",
                "Roles: + Relationship manager (relationship_manager)",
                "Relationship manager: + portfolio:read",
                "Relationship manager: + portfolio:rebalance",
                "Roles: − Support agent (support_agent)",
                "Support agent: − support:notes");
    }

    @Test
    void the_page_answers_who_can_do_a_scope_and_whether_a_role_can() {
        openAsPartnerAdmin();
        @SuppressWarnings("unchecked")
        Select<RoleGrant> role = _get(Select.class, spec -> spec.withLabel("Can role"));
        _setValue(role, role.getListDataView().getItems().filter(r -> r.key().equals("investor")).findFirst().orElseThrow());
        @SuppressWarnings("unchecked")
        ComboBox<Permission> scope = _get(ComboBox.class, spec -> spec.withLabel("do scope"));
        _setValue(scope, access.catalog().find("kyc:review").orElseThrow());
        assertThat(_find(Span.class).stream().map(Span::getText))
                .contains("No: Investor cannot kyc:review (saved version 1).");

        @SuppressWarnings("unchecked")
        ComboBox<Permission> who = _get(ComboBox.class, spec -> spec.withLabel("Who can do scope"));
        _setValue(who, access.catalog().find("kyc:review").orElseThrow());
        assertThat(_find(Span.class).stream().map(Span::getText))
                .contains("Now, kyc:review is granted to: Compliance officer.");
        _setValue(_get(DateTimePicker.class, spec -> spec.withLabel("At (UTC, empty for now)")),
                LocalDateTime.of(2000, 1, 1, 0, 0));
        assertThat(_find(Span.class).stream().map(Span::getText))
                .contains("At 2000-01-01 00:00 UTC, no role grants kyc:review.");
    }

    @Test
    void changed_cells_stay_highlighted_until_saved_and_the_review_names_the_role() {
        var grid = openAsPartnerAdmin();
        var row = GridKt._findAll(grid).stream().filter(r -> r.label().equals("orders:create")).findFirst().orElseThrow();
        assertThat(grid.changed("support_agent", row)).isFalse();
        MatrixCells.click(grid, "orders:create", "support_agent");
        assertThat(grid.changed("support_agent", row)).isTrue();
        assertThat(grid.getColumnByKey(MatrixGrid.columnKey("support_agent")).getRenderer().toString())
                .as("the highlight is drawn by the cell template").isNotNull();

        _click(button("Review and save…"));
        var dialog = _get(ReviewChangesDialog.class);
        @SuppressWarnings("unchecked")
        Grid<FieldChange> diff = _get(_get(dialog, DiffList.class), Grid.class);
        assertThat(GridKt._findAll(diff)).extracting(FieldChange::describe)
                .containsExactly("Support agent: + orders:create");
        _setValue(_get(dialog, TextArea.class), "Support agents place orders for investors");
        _click(_get(dialog, Button.class, spec -> spec.withText("Save")));
        var saved = GridKt._findAll(grid).stream().filter(r -> r.label().equals("orders:create")).findFirst().orElseThrow();
        assertThat(grid.changed("support_agent", saved)).as("no highlight once saved").isFalse();
        assertThat(MatrixCells.checked(grid, "orders:create", "support_agent")).isTrue();
    }

    @Test
    void searching_narrows_the_rows_and_a_group_toggle_grants_only_what_is_shown() {
        var grid = openAsPartnerAdmin();
        _setValue(_get(TextField.class, spec -> spec.withPlaceholder("Search scopes")), "withdraw");
        assertThat(GridKt._findAll(grid)).extracting(MatrixRow::label).containsExactly("All matching scopes",
                "payments (all 3)", "payments:withdraw", "payments:read", "payments:approve-withdrawal");
        assertThat(MatrixCells.partly(grid, "payments (all 3)", "advisor")).isFalse();
        MatrixCells.click(grid, "payments (all 3)", "advisor");
        assertThat(grid.matrix().role("advisor").orElseThrow().scopes())
                .contains("payments:withdraw", "payments:read", "payments:approve-withdrawal")
                .doesNotContain("payments:deposit", "payments:refund");
        assertThat(MatrixCells.checked(grid, "All matching scopes", "advisor")).isTrue();
        MatrixCells.click(grid, "All matching scopes", "advisor");
        assertThat(grid.matrix().role("advisor").orElseThrow().scopes()).noneMatch(s -> s.startsWith("payments:"));
    }
}
