package io.concierge.security.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;
import io.concierge.security.ApiTokenService;
import io.concierge.security.ApiTokenSummary;
import io.concierge.shared.InvalidValueException;
import io.concierge.shared.ui.ConfirmAction;
import io.concierge.shared.ui.Notifications;
import io.concierge.shared.ui.OneTimePasswordDialog;
import io.concierge.shared.ui.Times;

import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The account page's "API tokens": the user's personal access tokens (they act as the user, with the user's role),
 * a form to issue one (a name and an expiry at most a year away; the secret is shown once), and revoke.
 */
final class TokensPanel extends Div {

    static final String ID = "account-tokens";

    final TextField name = new TextField("Name");
    final DatePicker expiresOn = Times.datePicker("Expires on");
    final Button create = new Button("Create token");
    final TokenGrid grid;
    private final ApiTokenService tokens;

    TokensPanel(ApiTokenService tokens) {
        this.tokens = tokens;
        setId(ID);
        var today = LocalDate.now(ZoneOffset.UTC);
        name.setPlaceholder("CI pipeline");
        name.setMaxLength(60);
        expiresOn.setMin(today.plusDays(1));
        expiresOn.setMax(today.plusDays(ApiTokenService.MAX_DAYS));
        expiresOn.setValue(today.plusDays(90));
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClickListener(e -> create());
        grid = new TokenGrid(this::actions);
        var form = new HorizontalLayout(name, expiresOn, create);
        form.setAlignItems(FlexComponent.Alignment.BASELINE);
        add(new H3("API tokens"), new Paragraph("Personal access tokens call the API (see /api/v1/docs) as you, with "
                + "your role: treat one like your password. Each expires, at most a year from today."), form, grid);
        refresh();
    }

    private void create() {
        name.setInvalid(false);
        expiresOn.setInvalid(false);
        try {
            var issued = tokens.createPersonal(name.getValue(), expiresOn.getValue());
            OneTimePasswordDialog.showSecret("Your new API token", "Copy the token now and keep it in your "
                    + "automation's secret store: it is shown only once, and the console keeps only its hash. Send "
                    + "it as 'Authorization: Bearer <token>'.", issued.secret());
            name.clear();
            refresh();
        } catch (InvalidValueException ex) {
            var field = "expiresOn".equals(ex.field()) ? expiresOn : null;
            if (field != null) {
                expiresOn.setInvalid(true);
                expiresOn.setErrorMessage(ex.getMessage());
            } else {
                name.setInvalid(true);
                name.setErrorMessage(ex.getMessage());
            }
        }
    }

    private Component actions(ApiTokenSummary token) {
        if (token.status() != ApiTokenSummary.Status.ACTIVE) {
            return new Span();
        }
        var revoke = new Button("Revoke", e -> ConfirmAction.ask("Revoke the token '" + token.name() + "'?")
                .consequence("Whatever uses it is refused from now on. This cannot be undone; issue a new token "
                        + "instead.")
                .confirm("Revoke", () -> {
                    tokens.revokeOwn(token.id());
                    Notifications.success("Token '" + token.name() + "' revoked");
                    refresh();
                }));
        revoke.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
        return revoke;
    }

    private void refresh() {
        grid.setItems(tokens.ownTokens());
    }
}
