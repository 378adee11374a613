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
    void cancelling_a_connection_tomcat_is_still_writing_a_push_to_is_dropped() {
        var atmosphere = context.getLogger("org.atmosphere.cpr.AsynchronousProcessor");
        var writing = new IllegalStateException(
                "The remote endpoint was in state [TEXT_FULL_WRITING] which is an invalid state for called method");

        assertThat(filter.decide(null, atmosphere, Level.ERROR, "Failed to cancel resource: {}",
                new Object[] {"ed6f68a4-c460-4afc-bbb8-8364ced3387f", writing}, writing))
                .isEqualTo(FilterReply.DENY);
        assertThat(filter.decide(null, atmosphere, Level.ERROR, "Failed to write a message: {}", null, writing))
                .as("the same state outside a cancel is a push that was refused, and is logged")
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(filter.decide(null, atmosphere, Level.ERROR, "Failed to cancel resource: {}", null,
                new IllegalStateException("The remote endpoint was in state [TEXT_PARTIAL_READY] which is an"
                        + " invalid state for called method")))
                .as("a cancel refused while nothing was being written").isEqualTo(FilterReply.NEUTRAL);
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
