package io.concierge.audit.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.concierge.shared.ui.Times;
import io.concierge.audit.ConfigurationAsOf;
import io.concierge.configuration.ConfigArea;
import io.concierge.configuration.ui.DiffList;
import io.concierge.security.Role;
import io.concierge.security.TenantAccess;
import io.concierge.shared.InvalidValueException;
import io.concierge.shared.ui.Notifications;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.security.access.AccessDeniedException;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A tenant's configuration as it stood at a chosen moment (UTC), and who could exercise a scope then.
 * Read-only: the area's own labels, a link that opens the area's editor read-only at that version, and the
 * raw JSON one click away. The URL can carry {@code ?tenant=acme&area=access&at=2026-11-01T10:00:00Z}.
 */
@Route("audit/as-of")
@PageTitle("Configuration as of · Concierge")
@Menu(title = "Configuration as of", order = 51)
@RolesAllowed({Role.Names.AUDITOR, Role.Names.OPERATOR, Role.Names.PARTNER_ADMIN})
class AsOfView extends VerticalLayout implements BeforeEnterObserver {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final ConfigurationAsOf asOf;
    final TextField tenant = new TextField("Tenant");
    final ComboBox<ConfigArea> area = new ComboBox<>("Area");
    final DateTimePicker at = Times.dateTimePicker("As of");
    final TextField scope = new TextField("Scope");
    final Div configuration = new Div();
    final Div holders = new Div();

    AsOfView(ConfigurationAsOf asOf, TenantAccess access) {
        this.asOf = asOf;
        var user = access.current().orElseThrow();
        add(new H2("Configuration as of a moment"));
        if (user.is(Role.PARTNER_ADMIN)) {
            tenant.setValue(user.tenantSlug().value());
            tenant.setReadOnly(true);
        }
        tenant.setPlaceholder("slug");
        area.setItems(ConfigArea.values());
        area.setItemLabelGenerator(ConfigArea::label);
        area.setValue(ConfigArea.BRANDING);
        at.setStep(Duration.ofMinutes(1));
        at.setValue(LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES));
        var show = new Button("Show configuration", e -> showConfiguration());
        show.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var moment = new HorizontalLayout(tenant, area, at, show);
        moment.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        moment.setWrap(true);

        scope.setPlaceholder("orders:create");
        scope.setHelperText("Roles and permissions in force at the moment above");
        var who = new Button("Who could", e -> showHolders());
        var scopeRow = new HorizontalLayout(scope, who);
        scopeRow.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);

        add(moment, configuration, new H3("Who could exercise a scope"), scopeRow, holders);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Map<String, List<String>> params = event.getLocation().getQueryParameters().getParameters();
        param(params, "tenant").filter(t -> !tenant.isReadOnly()).ifPresent(tenant::setValue);
        param(params, "area").flatMap(key -> Arrays.stream(ConfigArea.values()).filter(a -> a.key().equals(key)).findFirst())
                .ifPresent(area::setValue);
        param(params, "scope").ifPresent(scope::setValue);
        var moment = param(params, "at");
        if (moment.isPresent()) {
            try {
                // the picker has minute precision; show the moment itself, not the start of its minute
                var instant = Instant.parse(moment.get());
                at.setValue(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
                if (params.containsKey("tenant")) {
                    show(instant);
                }
            } catch (DateTimeParseException e) {
                Notifications.error("'" + moment.get() + "' is not a moment such as 2026-11-01T10:00:00Z.");
            }
        }
    }

    private void showConfiguration() {
        show(moment());
    }

    private void show(Instant moment) {
        configuration.removeAll();
        try {
            var version = asOf.asOf(tenant.getValue(), area.getValue(), moment);
            clearErrors();
            if (version.isEmpty()) {
                configuration.add(new Paragraph("No " + area.getValue().label().toLowerCase() + " had been saved for "
                        + tenant.getValue().trim() + " by " + AuditView.TIME.format(moment) + "."));
                return;
            }
            var v = version.get();
            configuration.add(new Paragraph("Version " + v.version() + " by " + v.author() + " at "
                    + AuditView.TIME.format(v.createdAt()) + ": " + v.comment()
                    + (v.restoredFrom() == null ? "" : " (restored version " + v.restoredFrom() + ")")));
            var editor = new Anchor("tenants/" + tenant.getValue().trim() + "/" + v.area().key() + "?version="
                    + v.version(), "Open " + area.getValue().label().toLowerCase() + " v" + v.version()
                    + " in its editor, read-only");
            editor.addClassName("concierge-as-of-editor-link");
            var fields = new DiffList();
            fields.show(asOf.fields(tenant.getValue(), v));
            var pre = new Pre(pretty(v.content()));
            pre.getStyle().set("white-space", "pre-wrap").set("word-break", "break-all")
                    .set("font-size", "var(--lumo-font-size-xs)");
            var raw = new Details("Raw JSON", pre);
            raw.setWidthFull();
            configuration.add(editor, fields, raw);
        } catch (InvalidValueException e) {
            showError(e);
        } catch (AccessDeniedException e) {
            Notifications.error(e.getMessage());
        }
    }

    private void showHolders() {
        holders.removeAll();
        try {
            var result = asOf.whoCould(tenant.getValue(), scope.getValue(), moment());
            clearErrors();
            var when = AuditView.TIME.format(result.at());
            if (result.version() == null) {
                holders.add(new Paragraph("No roles and permissions had been saved for " + result.tenantSlug()
                        + " by " + when + ", so nobody could."));
                return;
            }
            var source = " (roles and permissions version " + result.version()
                    + (result.catalogVersion() == null ? "" : ", catalogue " + result.catalogVersion()) + ")";
            if (result.roles().isEmpty()) {
                holders.add(new Paragraph("At " + when + " no role had scope " + result.scope() + source + "."));
                return;
            }
            holders.add(new Paragraph("At " + when + " these roles had scope " + result.scope() + source + ":"));
            var list = new UnorderedList();
            result.roles().forEach(r -> list.add(new ListItem(r.name() + " (" + r.key() + ")")));
            holders.add(list);
        } catch (InvalidValueException e) {
            showError(e);
        } catch (AccessDeniedException e) {
            Notifications.error(e.getMessage());
        }
    }

    private Instant moment() {
        return at.getValue() == null ? null : at.getValue().toInstant(ZoneOffset.UTC);
    }

    private void showError(InvalidValueException e) {
        HasValidation field = switch (e.field() == null ? "" : e.field()) {
            case "tenant" -> tenant;
            case "scope" -> scope;
            case "area" -> area;
            default -> at;
        };
        field.setErrorMessage(e.getMessage());
        field.setInvalid(true);
    }

    private void clearErrors() {
        tenant.setInvalid(false);
        scope.setInvalid(false);
        area.setInvalid(false);
        at.setInvalid(false);
    }

    private static Optional<String> param(Map<String, List<String>> params, String name) {
        var values = params.get(name);
        return values == null || values.isEmpty() || values.get(0).isBlank()
                ? Optional.empty() : Optional.of(values.get(0).trim());
    }

    /** The stored JSON, indented, with embedded images shortened to their size: they are thumbnails elsewhere. */
    private static String pretty(String json) {
        try {
            var tree = JSON.readTree(json);
            shortenImages(tree);
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            return json;
        }
    }

    private static void shortenImages(JsonNode node) {
        if (node instanceof ObjectNode object) {
            var names = new java.util.ArrayList<String>();
            object.fieldNames().forEachRemaining(names::add);
            for (var name : names) {
                var value = object.get(name);
                if (value.isTextual() && value.textValue().length() > 200 && "data".equals(name)) {
                    object.put(name, "[base64 image, " + value.textValue().length() + " characters; see the editor]");
                } else {
                    shortenImages(value);
                }
            }
        } else if (node.isArray()) {
            node.forEach(AsOfView::shortenImages);
        }
    }
}
