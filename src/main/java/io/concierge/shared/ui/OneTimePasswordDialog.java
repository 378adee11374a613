package io.concierge.shared.ui;

import com.vaadin.flow.component.confirmdialog.ConfirmDialog;

/** Shows a generated password once; the console stores only its hash. */
public final class OneTimePasswordDialog {

    private OneTimePasswordDialog() {
    }

    public static void show(String username, String password) {
        var dialog = new ConfirmDialog();
        dialog.setHeader("One-time password for " + username);
        dialog.setText("Hand this password to " + username + " over a secure channel. It is shown only now: "
                + password);
        dialog.setConfirmText("Done");
        dialog.open();
    }
}
