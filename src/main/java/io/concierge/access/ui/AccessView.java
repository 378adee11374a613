package io.concierge.access.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.concierge.shared.ui.Times;
import io.concierge.access.AccessMatrix;
import io.concierge.access.AccessService;
import io.concierge.access.CurrentAccess;
import io.concierge.access.Permission;
import io.concierge.access.RoleGrant;
import io.concierge.configuration.ConfigArea;
import io.concierge.configuration.ConfigurationStore;
import io.concierge.configuration.ui.HistoryDialog;
import io.concierge.configuration.ui.ReviewChangesDialog;
import io.concierge.configuration.ui.TenantRoute;
import io.concierge.configuration.ui.Versions;
import io.concierge.security.TenantAccess;
import io.concierge.tenant.TenantService;
import io.concierge.tenant.TenantStatus;
import io.concierge.tenant.TenantSummary;
import jakarta.annotation.security.PermitAll;

import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The tenant's roles and permission matrix. Partner admins edit their own tenant, operators any; auditors
 * (and everyone on an offboarded tenant) see the matrix with no editing control at all. Edits stay local
 * until "Review and save" shows them cell by cell and a comment is given.
 */
@Route("tenants/:slug/access")
@PermitAll
class AccessView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final AccessService service;
    private final TenantService tenants;
    private final TenantAccess access;
    private final ConfigurationStore store;

    private TenantSummary tenant;
    private boolean editable;
    private CurrentAccess saved;
    private MatrixGrid grid;
    private final Paragraph versionLine = new Paragraph();
    private final Span unsaved = new Span();
    private final Button review = new Button("Review and save");
    private Select<RoleGrant> askedRole;

    AccessView(AccessService service, TenantService tenants, TenantAccess access, ConfigurationStore store) {
        this.service = service;
        this.tenants = tenants;
        this.access = access;
        this.store = store;
        setSizeFull();
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        TenantRoute.open(event, tenants::open).ifPresent(found -> {
            tenant = found;
            editable = access.canEdit(tenant.id()) && tenant.status() != TenantStatus.OFFBOARDED;
            build();
        });
    }

    @Override
    public String getPageTitle() {
        return "Roles & permissions" + (tenant == null ? "" : " · " + tenant.displayName()) + " · Concierge";
    }

    private void build() {
        removeAll();
        grid = new MatrixGrid(service.catalog(), editable, m -> showDirty());
        var title = new HorizontalLayout(new H2("Roles & permissions"),
                new Anchor("tenants/" + tenant.slug().value(), tenant.displayName()));
        title.setAlignItems(FlexComponent.Alignment.BASELINE);
        versionLine.addClassName("concierge-user");

        var search = new TextField();
        search.setPlaceholder("Search scopes");
        search.setAriaLabel("Search scopes");
        search.setClearButtonVisible(true);
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.addValueChangeListener(e -> grid.filter(e.getValue()));

        var toolbar = new HorizontalLayout(search);
        toolbar.setAlignItems(FlexComponent.Alignment.BASELINE);
        toolbar.setWidthFull();
        if (editable) {
            review.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            review.addClickListener(e -> openReview());
            toolbar.add(
                    new Button("Add role", e -> RoleDialogs.add(service, grid.matrix(), this::edited)),
                    new Button("Rename role", e -> RoleDialogs.rename(service, grid.matrix(), this::edited)),
                    new Button("Delete role", e -> RoleDialogs.delete(service, grid.matrix(), this::edited)),
                    new Button("Discard changes", e -> reload()),
                    review, unsaved);
        }
        toolbar.add(new Button("History", e -> openHistory()));
        add(title, versionLine, toolbar, grid, questions());
        reload();
    }

    /** Reads the saved matrix again, dropping unsaved edits. */
    private void reload() {
        saved = service.current(tenant.id()).orElse(null);
        versionLine.setText(saved == null ? "No roles saved yet (version 0)."
                : "Version " + saved.version().version() + " · " + Versions.describe(saved.version()) + " · \""
                + saved.version().comment() + "\" " + Versions.origin(saved.version()));
        grid.setMatrix(savedMatrix());
        askedRole.setItems(savedMatrix().roles());
        showDirty();
    }

    private void edited(AccessMatrix next) {
        grid.setMatrix(next);
        showDirty();
    }

    private AccessMatrix savedMatrix() {
        return saved == null ? service.empty() : saved.matrix();
    }

    private void showDirty() {
        var dirty = !grid.matrix().equals(savedMatrix());
        unsaved.setText(dirty ? "Unsaved changes" : "");
        review.setEnabled(dirty);
    }

    private long baseVersion() {
        return saved == null ? 0 : saved.version().version();
    }

    private void openReview() {
        var base = baseVersion();
        var pending = grid.matrix();
        new ReviewChangesDialog(ConfigArea.ACCESS, saved == null ? null : saved.version().content(),
                service.toJson(pending), comment -> service.save(tenant.id(), base, pending, comment), this::reload)
                .open();
    }

    private void openHistory() {
        new HistoryDialog(store, tenant.id(), ConfigArea.ACCESS, editable,
                (version, expected, comment) -> service.restore(tenant.id(), version, expected, comment),
                this::reload).open();
    }

    /** "Can role R do S?" and "who can (or could, at a time) do S?", answered from the saved version. */
    private VerticalLayout questions() {
        var scopes = service.catalog().scopes();

        var role = new Select<RoleGrant>();
        askedRole = role;
        role.setLabel("Can role");
        role.setItemLabelGenerator(RoleGrant::name);
        var scope = scopeBox("do scope", scopes);
        var canAnswer = new Span();
        Runnable answerCan = () -> {
            if (role.getValue() == null || scope.getValue() == null) {
                canAnswer.setText("");
                return;
            }
            var yes = service.can(tenant.id(), role.getValue().key(), scope.getValue().scope());
            canAnswer.setText((yes ? "Yes: " : "No: ") + role.getValue().name() + (yes ? " can " : " cannot ")
                    + scope.getValue().scope() + " (saved version " + baseVersion() + ").");
        };
        role.addValueChangeListener(e -> answerCan.run());
        scope.addValueChangeListener(e -> answerCan.run());

        var whoScope = scopeBox("Who can do scope", scopes);
        var at = Times.dateTimePicker("At (UTC, empty for now)");
        var whoAnswer = new Span();
        Runnable answerWho = () -> {
            if (whoScope.getValue() == null) {
                whoAnswer.setText("");
                return;
            }
            var s = whoScope.getValue().scope();
            List<RoleGrant> roles = at.getValue() == null ? service.whoCan(tenant.id(), s)
                    : service.whoCould(tenant.id(), s, at.getValue().toInstant(ZoneOffset.UTC));
            var when = at.getValue() == null ? "Now" : "At " + at.getValue().toString().replace('T', ' ') + " UTC";
            whoAnswer.setText(when + ", " + (roles.isEmpty() ? "no role grants " + s + "."
                    : s + " is granted to: " + roles.stream().map(RoleGrant::name).collect(Collectors.joining(", ")) + "."));
        };
        whoScope.addValueChangeListener(e -> answerWho.run());
        at.addValueChangeListener(e -> answerWho.run());

        var canRow = new HorizontalLayout(role, scope, canAnswer);
        canRow.setAlignItems(FlexComponent.Alignment.BASELINE);
        var whoRow = new HorizontalLayout(whoScope, at, whoAnswer);
        whoRow.setAlignItems(FlexComponent.Alignment.BASELINE);
        var box = new VerticalLayout(new H4("Ask the saved matrix"), canRow, whoRow);
        box.setPadding(false);
        box.setSpacing(false);
        return box;
    }

    private static ComboBox<Permission> scopeBox(String label, List<Permission> scopes) {
        var box = new ComboBox<Permission>(label);
        box.setItems(scopes);
        box.setItemLabelGenerator(Permission::scope);
        box.setWidth("16rem");
        return box;
    }
}
