package io.concierge.access.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.html.H4;
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
import io.concierge.access.Permission;
import io.concierge.access.RoleGrant;
import io.concierge.configuration.ConfigurationAreas;
import io.concierge.configuration.ui.AreaEditor;
import jakarta.annotation.security.PermitAll;

import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;



/**
 * The tenant's roles and permission matrix in the shared editor frame. Partner admins edit their own tenant,
 * operators any; auditors (and everyone on a read-only tenant) see the matrix with no editing control at all.
 * Edits stay local, changed cells highlighted, until "Review and save" shows them role by role, scope by scope.
 */
@Route("tenants/:slug/access")
@PermitAll
class AccessView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle, AreaEditor.Form<AccessMatrix> {

    private final AccessService service;
    private final AreaEditor<AccessMatrix> editor;
    private final MatrixGrid grid;
    private final HorizontalLayout roleActions = new HorizontalLayout();
    private Select<RoleGrant> askedRole;

    AccessView(AccessService service, ConfigurationAreas areas) {
        this.service = service;
        this.editor = new AreaEditor<>(areas, service.area(), "Roles & permissions", this);
        this.grid = new MatrixGrid(service.catalog(), m -> editor.edited());
        setSizeFull();

        var search = new TextField();
        search.setPlaceholder("Search scopes");
        search.setAriaLabel("Search scopes");
        search.setClearButtonVisible(true);
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.addValueChangeListener(e -> grid.filter(e.getValue()));
        roleActions.add(
                new Button("Add role", e -> RoleDialogs.add(service, grid.matrix(), this::edited)),
                new Button("Rename role", e -> RoleDialogs.rename(service, grid.matrix(), this::edited)),
                new Button("Delete role", e -> RoleDialogs.delete(service, grid.matrix(), this::edited)));
        var toolbar = new HorizontalLayout(search, roleActions);
        toolbar.setAlignItems(FlexComponent.Alignment.BASELINE);
        toolbar.setWidthFull();
        grid.setHeight("60vh");
        editor.body().add(toolbar, grid);
        add(editor, questions());
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        editor.open(event);
    }

    @Override
    public String getPageTitle() {
        return editor.pageTitle();
    }

    @Override
    public void show(AccessMatrix content) {
        grid.setSaved(content);
        askedRole.setItems(content.roles());
    }

    @Override
    public AccessMatrix value() {
        return grid.matrix();
    }

    /** Auditors, and everyone on a read-only tenant, see the matrix with no editing control at all. */
    @Override
    public void setEditable(boolean editable) {
        grid.setEditable(editable);
        roleActions.setVisible(editable);
    }

    @Override
    public Map<String, HasValidation> fields() {
        return Map.of();
    }

    private void edited(AccessMatrix next) {
        grid.setMatrix(next);
        editor.edited();
    }

    private long baseVersion() {
        return editor.snapshot().versionNumber();
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
            var yes = service.can(editor.snapshot().tenant().id(), role.getValue().key(), scope.getValue().scope());
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
            List<RoleGrant> roles = at.getValue() == null ? service.whoCan(editor.snapshot().tenant().id(), s)
                    : service.whoCould(editor.snapshot().tenant().id(), s, at.getValue().toInstant(ZoneOffset.UTC));
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
