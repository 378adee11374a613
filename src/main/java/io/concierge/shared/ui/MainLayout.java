package io.concierge.shared.ui;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.spring.security.AuthenticationContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.GrantedAuthority;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The console's frame: the menu is built from the {@code @Menu} annotations of the views the user may open. */
@Layout
@AnonymousAllowed
public class MainLayout extends AppLayout implements AfterNavigationObserver {

    private final List<MenuCount> counts;
    private final List<MenuLinks> links;
    private final Map<SideNavItem, MenuCount> counted = new LinkedHashMap<>();

    MainLayout(AuthenticationContext authentication, ObjectProvider<MenuCount> counts,
               ObjectProvider<MenuLinks> links) {
        this.counts = counts.orderedStream().toList();
        this.links = links.orderedStream().toList();
        setPrimarySection(Section.DRAWER);
        var title = new H1("Concierge");
        title.addClassName("concierge-title");
        addToDrawer(title, buildNav());

        var header = new HorizontalLayout();
        header.setWidthFull();
        header.setAlignItems(FlexComponent.Alignment.CENTER);
        header.add(new DrawerToggle());
        var spacer = new Span();
        header.addAndExpand(spacer);
        authentication.getAuthenticatedUser(org.springframework.security.core.userdetails.UserDetails.class)
                .ifPresent(user -> {
                    var who = new Span(user.getUsername() + " · " + user.getAuthorities().stream()
                            .map(GrantedAuthority::getAuthority)
                            .map(a -> a.replace("ROLE_", "").replace('_', ' ').toLowerCase())
                            .collect(Collectors.joining(", ")));
                    who.addClassName("concierge-user");
                    var account = new Anchor("account", "Your account");
                    account.addClassName("concierge-account");
                    var logout = new Button("Sign out", e -> authentication.logout());
                    logout.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
                    header.add(who, account, logout);
                });
        header.addClassName("concierge-header");
        addToNavbar(header);
    }

    private SideNav buildNav() {
        var nav = new SideNav();
        var first = true;
        for (var entry : MenuConfiguration.getMenuEntries()) {
            var item = new SideNavItem(entry.title(), entry.path());
            var path = entry.path().startsWith("/") ? entry.path().substring(1) : entry.path();
            counts.stream().filter(c -> c.path().equals(path)).findFirst().ifPresent(c -> counted.put(item, c));
            nav.addItem(item);
            if (first) {
                // right after the home page
                links.forEach(l -> l.links().forEach(link -> nav.addItem(new SideNavItem(link.title(), link.path()))));
                first = false;
            }
        }
        refreshCounts();
        return nav;
    }

    /** Every navigation reads the menu's counts again, so an approval just given no longer counts. */
    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        refreshCounts();
    }

    private void refreshCounts() {
        counted.forEach((item, count) -> {
            var n = count.count();
            if (n == 0) {
                item.setSuffixComponent(null);
                return;
            }
            var badge = new Span(String.valueOf(n));
            badge.getElement().getThemeList().add("badge pill small contrast");
            badge.addClassName("concierge-menu-count");
            badge.getElement().setAttribute("aria-label", n + " waiting");
            item.setSuffixComponent(badge);
        });
    }
}
