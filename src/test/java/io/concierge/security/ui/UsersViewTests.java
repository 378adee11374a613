package io.concierge.security.ui;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import io.concierge.security.ConsoleUserService;
import io.concierge.security.ConsoleUserSummary;
import io.concierge.security.Role;
import io.concierge.shared.ui.ConfirmAction;
import io.concierge.shared.ui.OneTimePasswordDialog;
import io.concierge.support.KaribuTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.stream.IntStream;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

class UsersViewTests extends KaribuTest {

    @Autowired
    ConsoleUserService users;

    @Test
    void an_operator_creates_an_auditor_and_sees_the_one_time_password_once() {
        login(OPERATOR);
        navigate("users");
        _click(_get(Button.class, spec -> spec.withText("New staff user")));
        var dialog = _get(Dialog.class);
        var username = "aud" + uniqueSlug("u").substring(2, 11).replace("_", "");
        _setValue(_get(dialog, TextField.class, spec -> spec.withLabel("Username")), username);
        @SuppressWarnings("unchecked")
        Select<Role> role = _get(dialog, Select.class, spec -> spec.withLabel("Role"));
        _setValue(role, Role.AUDITOR);
        _click(_get(dialog, Button.class, spec -> spec.withText("Create")));

        var shown = _get(OneTimePasswordDialog.class);
        assertThat(shown.getHeaderTitle()).isEqualTo("One-time password for " + username);
        // the secret is shown once, with a button that copies it to the clipboard
        assertThat(_get(shown, Span.class, spec -> spec.withClasses("one-time-secret")).getText()).hasSize(16);
        _get(shown, Button.class, spec -> spec.withText("Copy"));
        signIn(OPERATOR);
        assertThat(users.list()).anySatisfy(u -> {
            assertThat(u.username()).isEqualTo(username);
            assertThat(u.role()).isEqualTo(Role.AUDITOR);
        });
    }

    @Test
    void a_bad_username_is_shown_on_the_field() {
        var field = createStaffUserNamed("Robert'); DROP TABLE console_user;--");
        assertThat(field.isInvalid()).isTrue();
        assertThat(field.getErrorMessage()).startsWith("Username must be 3-40 characters");
    }

    @Test
    void the_name_the_audit_log_gives_the_consoles_own_actions_is_not_a_username() {
        var field = createStaffUserNamed("system");
        assertThat(field.isInvalid()).isTrue();
        assertThat(field.getErrorMessage()).isEqualTo("'system' is the name the audit log gives the console's own "
                + "actions, so no account may have it. Choose another username.");
        assertThat(users.list()).extracting(u -> u.username()).doesNotContain("system");
    }

    @Test
    void an_operator_deactivates_a_user() {
        signIn(OPERATOR);
        var username = "aud" + uniqueSlug("d").substring(2, 11).replace("_", "");
        users.createStaff(username, Role.AUDITOR);
        login(OPERATOR);
        navigate("users");
        @SuppressWarnings("unchecked")
        Grid<ConsoleUserSummary> grid = _get(Grid.class);
        var row = IntStream.range(0, GridKt._size(grid))
                .filter(i -> GridKt._get(grid, i).username().equals(username)).findFirst().orElseThrow();
        var actions = GridKt._getCellComponent(grid, row, "actions");
        _click(_get(actions, Button.class, spec -> spec.withText("Deactivate")));
        var confirm = _get(ConfirmAction.class);
        assertThat(confirm.getHeaderTitle()).isEqualTo("Deactivate " + username + "?");
        _get(confirm, Paragraph.class, spec -> spec.withText(username + " can no longer sign in. Their history stays; "
                + "an operator can activate the account again."));
        _click(_get(confirm, Button.class, spec -> spec.withText("Deactivate")));
        signIn(OPERATOR);
        assertThat(users.list()).filteredOn(u -> u.username().equals(username)).singleElement()
                .satisfies(u -> assertThat(u.active()).isFalse());
    }

    @Test
    void resetting_a_password_asks_first_and_cancel_changes_nothing() {
        signIn(OPERATOR);
        var username = "aud" + uniqueSlug("r").substring(2, 11).replace("_", "");
        users.createStaff(username, Role.AUDITOR);
        login(OPERATOR);
        navigate("users");
        @SuppressWarnings("unchecked")
        Grid<ConsoleUserSummary> grid = _get(Grid.class);
        var row = IntStream.range(0, GridKt._size(grid))
                .filter(i -> GridKt._get(grid, i).username().equals(username)).findFirst().orElseThrow();
        _click(_get(GridKt._getCellComponent(grid, row, "actions"), Button.class, spec -> spec.withText("Reset password")));
        var confirm = _get(ConfirmAction.class);
        assertThat(confirm.getHeaderTitle()).isEqualTo("Reset the password of " + username + "?");
        _get(confirm, Paragraph.class, spec -> spec.withPredicate(c -> c.getElement().getTextRecursively().contains("Their current password stops working at once")));
        _click(_get(confirm, Button.class, spec -> spec.withText("Cancel")));
        _assertNone(OneTimePasswordDialog.class);

        _click(_get(GridKt._getCellComponent(grid, row, "actions"), Button.class, spec -> spec.withText("Reset password")));
        _click(_get(_get(ConfirmAction.class), Button.class, spec -> spec.withText("Reset password")));
        assertThat(_get(OneTimePasswordDialog.class).getHeaderTitle()).isEqualTo("One-time password for " + username);
    }

    @Test
    void auditors_and_partner_admins_cannot_open_user_management() {
        login(AUDITOR);
        assertRefused("users");
    }

    /** Signs in as an operator and asks for a new staff user of that name; the username field, as it is then. */
    private static TextField createStaffUserNamed(String username) {
        login(OPERATOR);
        navigate("users");
        _click(_get(Button.class, spec -> spec.withText("New staff user")));
        var dialog = _get(Dialog.class);
        var field = _get(dialog, TextField.class, spec -> spec.withLabel("Username"));
        _setValue(field, username);
        _click(_get(dialog, Button.class, spec -> spec.withText("Create")));
        return field;
    }
}
