package io.concierge.security.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.concierge.security.ConsoleUserService;
import io.concierge.security.ConsoleUserSummary;
import io.concierge.security.Role;
import io.concierge.security.SessionService;
import io.concierge.security.TwoFactorService;
import io.concierge.shared.InvalidValueException;
import io.concierge.shared.ui.ConfirmAction;
import io.concierge.shared.ui.Notifications;
import io.concierge.shared.ui.OneTimePasswordDialog;
import io.concierge.shared.ui.Times;
import jakarta.annotation.security.RolesAllowed;


/** Operators create staff accounts, deactivate users and reset passwords. */
@Route("users")
@PageTitle("Users · Concierge")
@Menu(title = "Users", order = 30)
@RolesAllowed(Role.Names.OPERATOR)
class UsersView extends VerticalLayout {

    private final ConsoleUserService users;
    private final Grid<ConsoleUserSummary> grid = new Grid<>();

    private final TwoFactorService factors;
    private final SessionService sessions;

    UsersView(ConsoleUserService users, TwoFactorService factors, SessionService sessions) {
        this.users = users;
        this.factors = factors;
        this.sessions = sessions;
        // the important columns (who, last sign-in, actions) keep their width; the rest share what is left and
        // carry their whole value as a tooltip, so nothing is cut at 1366 px
        // a fixed share of the width, not the longest name's: a long username wraps (and has a tooltip) instead of
        // pushing the actions out of a 1366-pixel screen
        grid.addColumn(ConsoleUserSummary::username).setHeader("Username").setSortable(true).setWidth("11rem")
                .setFlexGrow(1).setTooltipGenerator(ConsoleUserSummary::username);
        grid.addColumn(u -> u.role().label()).setHeader("Role").setTooltipGenerator(u -> u.role().label());
        grid.addColumn(UsersView::tenant).setHeader("Tenant").setTooltipGenerator(UsersView::tenant);
        grid.addColumn(UsersView::state).setHeader("State").setTooltipGenerator(UsersView::state);
        grid.addColumn(UsersView::signIn).setHeader("Sign-in").setKey("sign-in").setTooltipGenerator(UsersView::signIn);
        grid.addColumn(u -> u.managedBy() != null ? "by provider" : u.secondFactor() ? "On" : "Off")
                .setHeader("Second factor").setKey("second-factor");
        grid.addColumn(u -> Times.format(u.lastLoginAt(), "never")).setHeader("Last sign-in").setWidth("7.5rem")
                .setFlexGrow(0);
        grid.addComponentColumn(this::actions).setHeader("Actions").setKey("actions").setWidth("15.5rem")
                .setFlexGrow(0);
        grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
        var create = new Button("New staff user", e -> openCreateDialog());
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(new HorizontalLayout(new H2("Console users"), create), grid);
        setSizeFull();
        refresh();
    }

    private static String tenant(ConsoleUserSummary u) {
        return u.tenantSlug() == null ? "all tenants" : u.tenantSlug();
    }

    private static String state(ConsoleUserSummary u) {
        return !u.active() ? "Deactivated" : u.locked() ? "Sign-in paused" : "Active";
    }

    private static String signIn(ConsoleUserSummary u) {
        return u.managedBy() == null ? "Local account" : "Provider " + u.managedBy() + " (role from mapping rules)";
    }

    private HorizontalLayout actions(ConsoleUserSummary user) {
        var reset = new Button("Reset password", e -> ConfirmAction.ask("Reset the password of " + user.username() + "?")
                .consequence("Their current password stops working at once. You get a one-time password to hand "
                        + "over; at their next sign-in " + user.username() + " must choose a new one. A pause "
                        + "of their sign-in after failed attempts is lifted.")
                .confirm("Reset password", () -> {
                    var password = users.resetPassword(user.username());
                    OneTimePasswordDialog.show(user.username(), password);
                    refresh();
                }));
        reset.addThemeVariants(ButtonVariant.LUMO_SMALL);
        var toggle = new Button(user.active() ? "Deactivate" : "Activate", e -> {
            if (user.active()) {
                ConfirmAction.ask("Deactivate " + user.username() + "?")
                        .consequence(user.username() + " can no longer sign in. Their history stays; an operator "
                                + "can activate the account again.")
                        .confirm("Deactivate", () -> change(() -> users.deactivate(user.username()),
                                user.username() + " deactivated"));
            } else {
                change(() -> users.activate(user.username()), user.username() + " activated");
            }
        });
        toggle.addThemeVariants(ButtonVariant.LUMO_SMALL, user.active() ? ButtonVariant.LUMO_ERROR : ButtonVariant.LUMO_SUCCESS);
        // a managed user has no console password, and its role comes from the provider's mapping, not from here
        reset.setVisible(user.managedBy() == null);
        var resetFactor = new Button("Reset second factor", e -> confirmSecondFactorReset(user.username()));
        resetFactor.addThemeVariants(ButtonVariant.LUMO_SMALL);
        resetFactor.setVisible(user.secondFactor());
        var signOut = new Button("Sign out everywhere", e -> {
            var ended = sessions.signOutEverywhere(user.username());
            Notifications.success(user.username() + ": " + ended + " session" + (ended == 1 ? "" : "s") + " ended");
        });
        signOut.addThemeVariants(ButtonVariant.LUMO_SMALL);
        var actions = new HorizontalLayout(reset, toggle, resetFactor, signOut);
        actions.setWrap(true); // two lines of buttons rather than a grid that scrolls sideways
        return actions;
    }

    private void confirmSecondFactorReset(String username) {
        ConfirmAction.ask("Reset the second factor of " + username + "?")
                .consequence(username + " will no longer be asked for codes from their current app, and their recovery "
                        + "codes stop working. Do this only once you have made sure who is asking (a lost phone).")
                .confirm("Reset second factor", () -> {
                    factors.reset(username);
                    Notifications.success("Second factor of " + username + " reset");
                    refresh();
                });
    }

    private void change(Runnable action, String outcome) {
        try {
            action.run();
            Notifications.success(outcome);
        } catch (InvalidValueException ex) {
            Notifications.error(ex.getMessage());
        }
        refresh();
    }

    private void openCreateDialog() {
        var dialog = new Dialog();
        dialog.setHeaderTitle("New staff user");
        var username = new TextField("Username");
        var role = new Select<Role>();
        role.setLabel("Role");
        role.setItems(Role.OPERATOR, Role.AUDITOR);
        role.setItemLabelGenerator(Role::label);
        role.setValue(Role.AUDITOR);
        var save = new Button("Create", e -> {
            try {
                var password = users.createStaff(username.getValue().trim(), role.getValue());
                dialog.close();
                OneTimePasswordDialog.show(username.getValue().trim(), password);
                refresh();
            } catch (InvalidValueException ex) {
                username.setInvalid(true);
                username.setErrorMessage(ex.getMessage());
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(new VerticalLayout(username, role));
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
    }


    private void refresh() {
        grid.setItems(users.list());
    }
}
