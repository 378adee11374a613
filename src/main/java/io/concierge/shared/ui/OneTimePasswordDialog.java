package io.concierge.shared.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;

/**
 * Shows a generated password once; the console stores only its hash. The password is temporary: the user
 * must choose their own at the first sign-in with it. "Copy" puts it on the clipboard through the browser's
 * Clipboard API (no front-end bundle needed).
 */
public final class OneTimePasswordDialog extends Dialog {

    final Span secret = new Span();
    final Button copy = new Button("Copy", VaadinIcon.COPY_O.create());

    private OneTimePasswordDialog(String title, String explanation, String password) {
        setHeaderTitle(title);
        setWidth("34rem");
        secret.setText(password);
        secret.addClassName("one-time-secret");
        copy.addThemeVariants(ButtonVariant.LUMO_SMALL);
        copy.addClickListener(e -> copy.getElement().executeJs(
                        "return navigator.clipboard.writeText($0).then(() => true, () => false)", password)
                .then(Boolean.class, copied -> copy.setText(copied ? "Copied" : "Copy failed: select and copy by hand"),
                        error -> copy.setText("Copy failed: select and copy by hand")));
        var row = new HorizontalLayout(secret, copy);
        row.setAlignItems(FlexComponent.Alignment.CENTER);
        add(new Paragraph(explanation), row);
        var done = new Button("Done", e -> close());
        done.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(done);
        setCloseOnOutsideClick(false);
    }

    public static OneTimePasswordDialog show(String username, String password) {
        return showSecret("One-time password for " + username, "Hand this password to " + username + " over a "
                + "secure channel. It is shown only now, and works once: at the first sign-in " + username
                + " chooses their own.", password);
    }

    /** Any secret shown once (an API token): the title, what to do with it, and the copy button. */
    public static OneTimePasswordDialog showSecret(String title, String explanation, String secret) {
        var dialog = new OneTimePasswordDialog(title, explanation, secret);
        dialog.open();
        return dialog;
    }
}
