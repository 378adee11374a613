package io.concierge.support;

import com.github.mvysny.kaributesting.v10.MockRouteAccessDeniedError;
import com.github.mvysny.kaributesting.v10.MockRouteNotFoundError;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.mock.MockedUI;
import com.github.mvysny.kaributesting.v10.spring.MockSpringServlet;
import com.github.mvysny.fakeservlet.FakeRequest;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.router.Location;
import com.vaadin.flow.router.NavigationTrigger;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinServletRequest;
import io.concierge.security.Actors;
import io.concierge.security.CurrentUser;
import io.concierge.security.ui.AccessDeniedPage;
import io.concierge.security.ui.NotFoundPage;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.security.core.context.SecurityContextHolder;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Server-side UI tests with Karibu: the real application context, real database, no browser. Routes are
 * discovered once; {@link #login(CurrentUser)} signs a persona in the way Spring Security would.
 */
public abstract class KaribuTest extends IntegrationTest {

    private static Routes routes;

    @Autowired
    private ApplicationContext context;

    @Autowired
    private MeterRegistry meters;

    @BeforeAll
    static void discoverRoutes() {
        if (routes == null) {
            routes = new Routes().autoDiscoverViews("io.concierge");
            // Karibu's discovery sees only public classes; our views are package-private by design.
            var scanner = new ClassPathScanningCandidateComponentProvider(false);
            scanner.addIncludeFilter(new AnnotationTypeFilter(Route.class));
            for (var candidate : scanner.findCandidateComponents("io.concierge")) {
                routes.getRoutes().add(loadView(candidate.getBeanClassName()));
            }
            // the console's own error pages, not Karibu's mocks (which throw instead of showing a page)
            routes.getErrorRoutes().remove(MockRouteNotFoundError.class);
            routes.getErrorRoutes().remove(MockRouteAccessDeniedError.class);
            routes.getErrorRoutes().add(AccessDeniedPage.class);
            routes.getErrorRoutes().add(NotFoundPage.class);
        }
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends Component> loadView(String name) {
        try {
            return (Class<? extends Component>) Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeEach
    void setUpVaadin() {
        MockVaadin.setup(MockedUI::new, new MockSpringServlet(routes, context, MockedUI::new));
    }

    @AfterEach
    void tearDownVaadin() {
        SecurityContextHolder.clearContext();
        MockVaadin.tearDown();
    }

    /** Signs the persona in for this UI, as a successful form login would. */
    protected static void login(CurrentUser user) {
        var authentication = Actors.authentication(user);
        var securityContext = SecurityContextHolder.createEmptyContext();
        securityContext.setAuthentication(authentication);
        SecurityContextHolder.setContext(securityContext);
        var request = (FakeRequest) VaadinServletRequest.getCurrent().getRequest();
        request.setUserPrincipalInt(authentication);
        request.setUserInRole((principal, role) -> user.role().name().equals(role));
    }

    /** Navigates as a typed address would: a path, optionally with a query ("audit?tenant=acme"). */
    protected static void navigate(String location) {
        var query = location.indexOf('?');
        if (query < 0) {
            UI.getCurrent().navigate(location);
        } else {
            UI.getCurrent().navigate(location.substring(0, query),
                    QueryParameters.fromString(location.substring(query + 1)));
        }
    }

    /** The view the router shows now (the innermost of the route chain, never the layout). */
    protected static Component currentView() {
        return (Component) UI.getCurrent().getInternals().getActiveRouterTargetsChain().get(0);
    }

    /**
     * The one way to assert a refusal: navigating to {@code location} must show the console's "You do not have
     * access to this page" (inside the layout, with a way home), not the page, not "No such page", not an
     * error, and the refusal must have been recorded (the audit history and the refusal metric are fed by the
     * same event). Any exception fails the test: a refusal is a page, not a crash.
     */
    protected void assertRefused(String location) {
        var before = refusals();
        navigate(location);
        assertThat(currentView()).as("the page shown for " + location).isInstanceOf(AccessDeniedPage.class);
        _get(H2.class, spec -> spec.withText("You do not have access to this page"));
        _get(Button.class, spec -> spec.withText("Go to the home page"));
        assertThat(refusals()).as("refusals recorded for " + location).isGreaterThan(before);
    }

    /** Navigating to {@code location} shows the console's "No such page", inside the layout. */
    protected static void assertNoSuchPage(String location) {
        // through the router as a typed address goes: Karibu's UI.navigate refuses unknown routes up front
        var ui = UI.getCurrent();
        ui.getInternals().getRouter().navigate(ui, new Location(location), NavigationTrigger.PROGRAMMATIC);
        assertThat(currentView()).as("the page shown for " + location).isInstanceOf(NotFoundPage.class);
        _get(H2.class, spec -> spec.withText("No such page"));
    }

    private double refusals() {
        return meters.counter("concierge.access.refused").count();
    }
}
