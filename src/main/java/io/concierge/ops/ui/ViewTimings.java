package io.concierge.ops.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinRequestInterceptor;
import com.vaadin.flow.server.VaadinResponse;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.VaadinSession;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/**
 * Server response time per view: every Vaadin request (navigation, clicks, pushes back) is timed and tagged
 * with the view class the UI shows, so a slow screen stands out in {@code concierge_view_requests_seconds}.
 */
@Component
class ViewTimings implements VaadinServiceInitListener {

    private static final String START = ViewTimings.class.getName() + ".start";

    private final MeterRegistry registry;

    ViewTimings(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
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

    private static String viewOf(VaadinRequest request, VaadinSession session) {
        var uiId = request.getParameter("v-uiId");
        if (session == null || uiId == null) {
            return "none";
        }
        try {
            UI ui = session.getUIById(Integer.parseInt(uiId));
            if (ui == null || ui.getInternals().getActiveRouterTargetsChain().isEmpty()) {
                return "none";
            }
            return ui.getInternals().getActiveRouterTargetsChain().get(0).getClass().getSimpleName()
                    .replaceAll("\\$\\$.*", "");
        } catch (NumberFormatException e) {
            return "none";
        }
    }
}
