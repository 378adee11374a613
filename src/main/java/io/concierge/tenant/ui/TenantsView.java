package io.concierge.tenant.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.data.VaadinSpringDataHelpers;
import io.concierge.security.Role;
import io.concierge.security.TenantAccess;
import io.concierge.shared.TenantId;
import io.concierge.shared.ui.TenantColumn;
import io.concierge.shared.ui.Times;
import io.concierge.tenant.TenantFilter;
import io.concierge.tenant.StartingConfiguration;
import io.concierge.tenant.TenantService;
import io.concierge.tenant.TenantStatus;
import io.concierge.tenant.TenantSummary;
import jakarta.annotation.security.RolesAllowed;

import org.springframework.beans.factory.ObjectProvider;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Every tenant, lazily loaded page by page, with filters; operators create tenants from here. */
@Route("tenants")
@PageTitle("Tenants · Concierge")
@Menu(title = "Tenants", order = 10)
@RolesAllowed({Role.Names.OPERATOR, Role.Names.AUDITOR})
class TenantsView extends VerticalLayout implements BeforeEnterObserver {

    private final TenantService tenants;
    final Grid<TenantSummary> grid = new Grid<>();
    final TextField slugFilter = new TextField("Slug");
    final TextField nameFilter = new TextField("Name");
    final Select<TenantStatus> statusFilter = new Select<>();
    private final Map<TenantId, Map<String, String>> extraValues = new HashMap<>();

    TenantsView(TenantService tenants, TenantAccess access, List<TenantColumn> columns,
                ObjectProvider<StartingConfiguration> starts) {
        this.tenants = tenants;
        setSizeFull();

        slugFilter.setValueChangeMode(ValueChangeMode.LAZY);
        nameFilter.setValueChangeMode(ValueChangeMode.LAZY);
        slugFilter.setClearButtonVisible(true);
        nameFilter.setClearButtonVisible(true);
        statusFilter.setLabel("Status");
        statusFilter.setEmptySelectionAllowed(true);
        statusFilter.setEmptySelectionCaption("Any");
        statusFilter.setItems(TenantStatus.values());
        statusFilter.setItemLabelGenerator(s -> s == null ? "Any" : s.label());
        slugFilter.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        nameFilter.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        statusFilter.addValueChangeListener(e -> grid.getDataProvider().refreshAll());

        grid.addColumn(t -> t.slug().value()).setHeader("Slug").setKey("slug").setSortProperty("slug").setAutoWidth(true);
        grid.addColumn(TenantSummary::displayName).setHeader("Name").setKey("displayName").setSortProperty("displayName")
                .setTooltipGenerator(TenantSummary::displayName);
        grid.addComponentColumn(t -> new StatusBadge(t.status())).setHeader("Status").setKey("status")
                .setSortProperty("status").setAutoWidth(true);
        grid.addColumn(t -> t.changelogVersion() == null ? "–" : t.changelogVersion()).setHeader("Schema version")
                .setKey("changelogVersion").setSortProperty("changelogVersion").setAutoWidth(true);
        grid.addColumn(t -> Times.format(t.createdAt())).setHeader("Created").setKey("createdAt")
                .setSortProperty("createdAt").setAutoWidth(true);
        columns.stream().sorted(Comparator.comparingInt(TenantColumn::order)).forEach(column ->
                grid.addColumn(t -> extraValues.getOrDefault(t.id(), Map.of()).getOrDefault(column.header(), ""))
                        .setHeader(column.header()).setAutoWidth(true));
        grid.sort(List.of(new com.vaadin.flow.component.grid.GridSortOrder<>(grid.getColumnByKey("slug"),
                SortDirection.ASCENDING)));
        grid.setItems(query -> {
            var page = tenants.search(filter(), VaadinSpringDataHelpers.toSpringPageRequest(query)).getContent();
            extraValues.clear();
            var ids = page.stream().map(TenantSummary::id).toList();
            for (var column : columns) {
                column.values(ids).forEach((id, value) ->
                        extraValues.computeIfAbsent(id, k -> new HashMap<>()).put(column.header(), value));
            }
            return page.stream();
        }, query -> (int) tenants.count(filter()));
        grid.addItemClickListener(e -> getUI().ifPresent(ui ->
                ui.navigate(TenantView.class, TenantView.params(e.getItem().slug().value()))));
        grid.setSizeFull();

        var header = new HorizontalLayout(new H2("Tenants"));
        header.setAlignItems(FlexComponent.Alignment.BASELINE);
        if (access.isOperator()) {
            var create = new Button("New tenant", e -> new CreateTenantDialog(tenants, starts.getIfAvailable()).open());
            create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            header.add(create);
        }
        var filters = new HorizontalLayout(slugFilter, nameFilter, statusFilter);
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);
        add(header, filters, grid);
    }

    /** {@code ?status=FAILED} opens the list filtered (the home page's numbers link here). */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        event.getLocation().getQueryParameters().getSingleParameter("status")
                .flatMap(s -> Arrays.stream(TenantStatus.values()).filter(v -> v.name().equalsIgnoreCase(s)).findFirst())
                .ifPresent(statusFilter::setValue);
    }

    private TenantFilter filter() {
        return new TenantFilter(slugFilter.getValue(), nameFilter.getValue(), statusFilter.getValue());
    }
}
