package io.concierge.tenant.ui;

import com.vaadin.flow.component.html.Span;
import io.concierge.tenant.TenantStatus;

/** A tenant's status as a coloured Lumo badge. */
final class StatusBadge extends Span {

    StatusBadge(TenantStatus status) {
        super(status.label());
        var theme = switch (status) {
            case ACTIVE -> "badge success";
            case FAILED -> "badge error";
            case SUSPENDED, OFFBOARDED -> "badge contrast";
            case PROVISIONING -> "badge";
        };
        getElement().getThemeList().addAll(java.util.List.of(theme.split(" ")));
        addClassName("status-badge");
    }
}
