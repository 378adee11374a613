package io.concierge.ops.ui;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinRequestInterceptor;
import com.vaadin.flow.server.VaadinResponse;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.VaadinSession;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Server response time per view: every Vaadin request (navigation, clicks, pushes back) is timed and tagged
 * with the view class the UI shows, so a slow screen stands out in {@code concierge_view_requests_seconds}.
 * <p>
 * A request interceptor runs outside the session lock (a push connection's requests never hold it), and a
 * UI's state may only be read under that lock. So each UI records the view it shows after every navigation,
 * while it holds the lock, into a map of its own; the interceptor only reads that map.
 */
@Component
class ViewTimings implements VaadinServiceInitListener {

    private static final String START = ViewTimings.class.getName() + ".start";

    private final MeterRegistry registry;
    /** Per session (weakly held: a closed session disappears), the view each of its UIs shows. */
    private final Map<VaadinSession, Map<Integer, String>> views = Collections.synchronizedMap(new WeakHashMap<>());

    ViewTimings(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(init -> {
            var ui = init.getUI();
            var session = ui.getSession();
            var uiId = ui.getUIId();
            ui.addAfterNavigationListener(navigation -> {
                var chain = navigation.getActiveChain();
                var view = chain.isEmpty() ? "none"
                        : chain.get(0).getClass().getSimpleName().replaceAll("\\$\\$.*", "");
                views.computeIfAbsent(session, s -> new ConcurrentHashMap<>()).put(uiId, view);
            });
            ui.addDetachListener(detach -> {
                var ofSession = views.get(session);
                if (ofSession != null) {
                    ofSession.remove(uiId);
                }
            });
        });
        event.addVaadinRequestInterceptor(new VaadinRequestInterceptor() {
            @Override
            public void requestStart(VaadinRequest request, VaadinResponse response) {
                request.setAttribute(START, Timer.start(registry));
            }

            @Override
            public void handleException(VaadinRequest request, VaadinResponse response, VaadinSession session,
                                        Exception e) {
                request.setAttribute(START + ".error", e.getClass().getSimpleName());
            }

            @Override
            public void requestEnd(VaadinRequest request, VaadinResponse response, VaadinSession session) {
                if (request.getAttribute(START) instanceof Timer.Sample sample) {
                    var error = request.getAttribute(START + ".error");
                    sample.stop(Timer.builder("concierge.view.requests")
                            .description("Server time of Vaadin requests, by the view on screen")
                            .tag("view", viewOf(request, session))
                            .tag("outcome", error == null ? "success" : "error")
                            .register(registry));
                }
            }
        });
    }

    private String viewOf(VaadinRequest request, VaadinSession session) {
        var uiId = request.getParameter("v-uiId");
        if (session == null || uiId == null) {
            return "none";
        }
        try {
            var ofSession = views.get(session);
            return ofSession == null ? "none" : ofSession.getOrDefault(Integer.parseInt(uiId), "none");
        } catch (NumberFormatException e) {
            return "none";
        }
    }
}
