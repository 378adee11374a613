package io.concierge.support;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.mock.MockedUI;
import com.github.mvysny.kaributesting.v10.spring.MockSpringServlet;
import com.github.mvysny.fakeservlet.FakeRequest;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinServletRequest;
import io.concierge.security.Actors;
import io.concierge.security.CurrentUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Server-side UI tests with Karibu: the real application context, real database, no browser. Routes are
 * discovered once; {@link #login(CurrentUser)} signs a persona in the way Spring Security would.
 */
public abstract class KaribuTest extends IntegrationTest {

    private static Routes routes;

    @Autowired
    private ApplicationContext context;

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

    protected static void navigate(String location) {
        UI.getCurrent().navigate(location);
    }
}
