package io.concierge.audit.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.RouterLink;
import io.concierge.audit.AuditArea;
import io.concierge.audit.AuditEntryDetails;
import io.concierge.configuration.ui.DiffList;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One entry, read-only: who, when, from where, and the before/after content side by side, with the changed
 * fields listed one per row. Secrets and embedded files were replaced by markers when the entry was written.
 */
class EntryDialog extends Dialog {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    EntryDialog(AuditEntryDetails details) {
        var e = details.entry();
        setHeaderTitle("Entry #" + e.id() + " · " + e.action().label());
        setWidth("min(1100px, 95vw)");

        var facts = new Div();
        facts.add(fact("Time", AuditView.TIME.format(e.occurredAt())));
        facts.add(fact("Actor", e.actor() + (e.actorRoleLabel().isEmpty() ? "" : " (" + e.actorRoleLabel() + ")")));
        if (e.tenantSlug() != null) {
            facts.add(fact("Tenant", e.tenantSlug()));
        }
        facts.add(fact("Area", e.area().label()));
        if (e.target() != null) {
            facts.add(fact("Target", e.target()));
        }
        if (e.detail() != null) {
            facts.add(fact("Detail", e.detail()));
        }
        if (e.producedVersion() != null) {
            facts.add(fact("Version produced", String.valueOf(e.producedVersion())));
        }
        if (e.clientAddress() != null) {
            facts.add(fact("Client address", e.clientAddress()));
        }
        facts.add(fact("Hash", e.hash()));

        var content = new VerticalLayout(facts);
        content.setPadding(false);
        if (details.before() != null || details.after() != null) {
            var changes = new DiffList();
            changes.show(details.changes());
            var sideBySide = new HorizontalLayout(column("Before", details.before()), column("After", details.after()));
            sideBySide.setWidthFull();
            var raw = new Details("Stored JSON, before and after", sideBySide);
            raw.setWidthFull();
            content.add(new H4("Changes (" + details.changes().size() + ")"), changes, raw);
            content.add(new Paragraph("Secrets are never recorded; embedded files such as logos appear as a marker "
                    + "with their size and a SHA-256 prefix."));
        }
        if (isConfiguration(e.area()) && e.tenantSlug() != null) {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("tenant", e.tenantSlug());
            params.put("area", e.area().key());
            params.put("at", e.occurredAt().toString());
            var link = new RouterLink("Whole configuration as of this entry", AsOfView.class);
            link.setQueryParameters(QueryParameters.simple(params));
            link.getElement().addEventListener("click", click -> close());
            content.add(link);
        }
        add(content);
        getFooter().add(new Button("Close", click -> close()));
    }

    private static boolean isConfiguration(AuditArea area) {
        return area == AuditArea.BRANDING || area == AuditArea.RULES || area == AuditArea.ACCESS;
    }

    private static Div fact(String label, String value) {
        var name = new Span(label + ": ");
        name.getStyle().set("color", "var(--lumo-secondary-text-color)");
        var div = new Div(name, new Span(value));
        div.getStyle().set("font-size", "var(--lumo-font-size-s)");
        return div;
    }

    private static VerticalLayout column(String title, String json) {
        var pre = new Pre(pretty(json));
        pre.getStyle().set("white-space", "pre-wrap").set("word-break", "break-all")
                .set("font-size", "var(--lumo-font-size-xs)").set("margin", "0");
        var column = new VerticalLayout(new H4(title), pre);
        column.setPadding(false);
        column.setWidth("50%");
        return column;
    }

    private static String pretty(String json) {
        if (json == null) {
            return "(nothing)";
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            return json;
        }
    }
}
