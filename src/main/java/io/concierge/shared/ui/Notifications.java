package io.concierge.shared.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;

/** The console's kinds of toast, so every view reports outcomes the same way. */
public final class Notifications {

    private Notifications() {
    }

    public static void success(String message) {
        var n = Notification.show(message, 4000, Notification.Position.BOTTOM_START);
        n.addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }

    /** A success that points somewhere: "Change request #12 is waiting for 1 approval." and a link to it. */
    public static void link(String message, String linkText, String href) {
        var n = new Notification();
        n.addThemeVariants(NotificationVariant.LUMO_PRIMARY);
        n.setDuration(10000);
        n.setPosition(Notification.Position.BOTTOM_START);
        var text = new Span(message + " ");
        text.addClassName("concierge-notification-text");
        n.add(text, new Anchor(href, linkText));
        n.open();
    }

    public static void error(String message) {
        var n = Notification.show(message, 8000, Notification.Position.MIDDLE);
        n.addThemeVariants(NotificationVariant.LUMO_ERROR);
    }
}
