package io.concierge.security.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import io.concierge.security.internal.SecondFactors.Enrolment;
import io.concierge.shared.InvalidValueException;

import java.util.List;
import java.util.function.BiFunction;

/**
 * TOTP enrolment, the same on the account page and at a sign-in that requires it: scan the QR code (or type
 * the key), prove it with a code, write down the recovery codes.
 */
class EnrolmentPanel extends VerticalLayout {

    private final TextField code = new TextField("Code from your app");

    EnrolmentPanel(Enrolment enrolment, BiFunction<String, String, List<String>> confirm, Runnable done) {
        setPadding(false);
        var qr = new Image(enrolment.qrDataUrl(), "QR code of your new second factor");
        qr.setWidth("200px");
        qr.setHeight("200px");
        var key = new Span(enrolment.secret().replaceAll("(.{4})", "$1 ").trim());
        key.addClassName("totp-secret");
        key.getStyle().set("font-family", "var(--lumo-font-family-monospace, monospace)");
        code.setHelperText("Six digits; a new code appears every 30 seconds.");
        code.setMaxLength(8);
        var turnOn = new Button("Turn on", e -> {
            try {
                var recovery = confirm.apply(enrolment.secret(), code.getValue());
                showRecoveryCodes(recovery, done);
            } catch (InvalidValueException ex) {
                code.setInvalid(true);
                code.setErrorMessage(ex.getMessage());
            }
        });
        turnOn.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(new Paragraph("Scan this QR code with an authenticator app (any app that supports TOTP), or enter "
                + "the key by hand, then enter the code it shows."), qr, new Paragraph(new Span("Key: "), key), code,
                turnOn);
    }

    private void showRecoveryCodes(List<String> recovery, Runnable done) {
        removeAll();
        var list = new UnorderedList();
        list.addClassName("recovery-codes");
        recovery.forEach(c -> list.add(new ListItem(c)));
        var saved = new Button("I have saved my recovery codes", e -> done.run());
        saved.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(new Paragraph("Two-factor sign-in is on. Save these recovery codes somewhere safe: each one signs you "
                + "in once if you lose your phone. They are shown only now."), list, saved);
    }
}
