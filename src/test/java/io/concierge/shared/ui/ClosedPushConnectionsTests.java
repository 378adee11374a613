package io.concierge.shared.ui;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Only a push logger's ERROR about a WebSocket session the browser closed is kept out of the log. Each case logs
 * through a logback logger the way the library itself calls it (an exception as the last argument after a
 * placeholder, or as the throwable), since logback hands the two forms to a turbo filter differently.
 */
class ClosedPushConnectionsTests {

    private static final String VAADIN = "com.vaadin.flow.server.communication.PushAtmosphereHandler";
    private static final String ATMOSPHERE = "org.atmosphere.cpr.AsynchronousProcessor";
    private static final String UUID = "ed6f68a4-c460-4afc-bbb8-8364ced3387f";

    private final LoggerContext context = new LoggerContext();
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void logThroughTheFilter() {
        var filter = new ClosedPushConnections();
        filter.setContext(context);
        filter.start();
        context.addTurboFilter(filter);
        logged.setContext(context);
        logged.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(logged);
    }

    @Test
    void a_push_to_a_session_the_browser_closed_is_dropped() {
        context.getLogger(VAADIN).error("Exception in push connection",
                new IllegalStateException("Message will not be sent because the WebSocket session has been closed"));
        context.getLogger(ATMOSPHERE).error("Failed to cancel resource: {}", UUID,
                new RuntimeException(new IllegalStateException("The WebSocket session [3] has been closed and no "
                        + "method (apart from close()) may be called on a closed session")));

        assertThat(messages()).isEmpty();
    }

    @Test
    void cancelling_a_connection_tomcat_is_still_writing_a_push_to_is_dropped() {
        var writing = new IllegalStateException(
                "The remote endpoint was in state [TEXT_FULL_WRITING] which is an invalid state for called method");

        context.getLogger(ATMOSPHERE).error("Failed to cancel resource: {}", UUID, writing);
        assertThat(messages()).isEmpty();

        context.getLogger(ATMOSPHERE).error("Failed to write a message: {}", UUID, writing);
        context.getLogger(ATMOSPHERE).error("Failed to cancel resource: {}", UUID,
                new IllegalStateException("The remote endpoint was in state [TEXT_PARTIAL_READY] which is an"
                        + " invalid state for called method"));
        assertThat(messages()).as("the state outside a cancel, and a cancel refused while nothing was written")
                .containsExactly("Failed to write a message: " + UUID, "Failed to cancel resource: " + UUID);
    }

    @Test
    void every_other_error_is_logged() {
        var closed = new IllegalStateException(
                "Message will not be sent because the WebSocket session has been closed");

        context.getLogger(VAADIN).error("Exception in push connection",
                new IllegalStateException("Unexpected message id from the client"));
        context.getLogger("io.concierge.publishing.Publisher").error("Publishing failed", closed);
        context.getLogger(VAADIN).warn("Exception in push connection", closed);

        assertThat(logged.list).extracting(e -> e.getLoggerName() + " " + e.getLevel() + " " + e.getFormattedMessage())
                .as("an unknown push error, a push-like error of another logger, and a warning")
                .containsExactly(VAADIN + " ERROR Exception in push connection",
                        "io.concierge.publishing.Publisher ERROR Publishing failed",
                        VAADIN + " WARN Exception in push connection");
    }

    private List<String> messages() {
        return logged.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
}
