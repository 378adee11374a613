package io.concierge.shared.ui;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Only a push logger's ERROR about a WebSocket session the browser closed is kept out of the log. */
class ClosedPushConnectionsTests {

    private final LoggerContext context = new LoggerContext();
    private final ClosedPushConnections filter = new ClosedPushConnections();

    @Test
    void a_push_to_a_session_the_browser_closed_is_dropped() {
        var vaadin = context.getLogger("com.vaadin.flow.server.communication.PushAtmosphereHandler");
        var atmosphere = context.getLogger("org.atmosphere.cpr.AsynchronousProcessor");

        assertThat(filter.decide(null, vaadin, Level.ERROR, "Exception in push connection", null,
                new IllegalStateException("Message will not be sent because the WebSocket session has been closed")))
                .isEqualTo(FilterReply.DENY);
        assertThat(filter.decide(null, atmosphere, Level.ERROR, "Failed to cancel resource: {}", null,
                new RuntimeException(new IllegalStateException("The WebSocket session [3] has been closed and no "
                        + "method (apart from close()) may be called on a closed session"))))
                .isEqualTo(FilterReply.DENY);
    }

    @Test
    void every_other_error_is_logged() {
        var vaadin = context.getLogger("com.vaadin.flow.server.communication.PushAtmosphereHandler");
        var console = context.getLogger("io.concierge.publishing.Publisher");
        var closed = new IllegalStateException("Message will not be sent because the WebSocket session has been closed");

        assertThat(filter.decide(null, vaadin, Level.ERROR, "Exception in push connection", null,
                new IllegalStateException("Unexpected message id from the client"))).isEqualTo(FilterReply.NEUTRAL);
        assertThat(filter.decide(null, console, Level.ERROR, "Publishing failed", null, closed))
                .as("not a push logger").isEqualTo(FilterReply.NEUTRAL);
        assertThat(filter.decide(null, vaadin, Level.WARN, "Exception in push connection", null, closed))
                .as("only errors are filtered").isEqualTo(FilterReply.NEUTRAL);
    }
}
