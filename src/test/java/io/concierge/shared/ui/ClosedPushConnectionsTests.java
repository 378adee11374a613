package io.concierge.shared.ui;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Only a push logger's ERROR about a connection the browser closed is kept out of the ERROR log, and it is still
 * written at DEBUG. Each case logs through a logback logger the way the library itself calls it (an exception as the
 * last argument after a placeholder, or as the throwable), since logback hands the two forms to a turbo filter
 * differently.
 */
class ClosedPushConnectionsTests {

    private static final String VAADIN = "com.vaadin.flow.server.communication.PushAtmosphereHandler";
    private static final String ATMOSPHERE = "org.atmosphere.cpr.AsynchronousProcessor";
    private static final String TRAIL = ClosedPushConnections.class.getName();
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
        context.getLogger("org.atmosphere.container.JSR356WebSocket").error("Failed to write: {}", UUID,
                new RuntimeException(new IllegalStateException("The WebSocket session [3] has been closed and no "
                        + "method (apart from close()) may be called on a closed session")));

        assertThat(errors()).isEmpty();
        assertThat(logged.list).extracting(ILoggingEvent::getLoggerName, ILoggingEvent::getLevel)
                .as("both still written at DEBUG").containsOnly(tuple(TRAIL, Level.DEBUG))
                .hasSize(2);
    }

    @Test
    void a_failed_cancel_of_a_connection_that_is_ending_is_written_at_debug_only() {
        // both seen in CI: a cancel racing a push Tomcat was still writing, and one racing its own earlier clean-up
        context.getLogger(ATMOSPHERE).error("Failed to cancel resource: {}", UUID, new IllegalStateException(
                "The remote endpoint was in state [TEXT_FULL_WRITING] which is an invalid state for called method"));
        context.getLogger(ATMOSPHERE).error("Failed to cancel resource: {}", UUID, new NullPointerException(
                "Cannot invoke \"org.atmosphere.cpr.AtmosphereResource.getResponse()\" because \"resource\" is null"));

        assertThat(errors()).isEmpty();
        assertThat(logged.list).allSatisfy(e -> {
            assertThat(e.getLoggerName()).isEqualTo(TRAIL);
            assertThat(e.getLevel()).isEqualTo(Level.DEBUG);
            assertThat(e.getFormattedMessage()).isEqualTo("Dropped from the ERROR log of " + ATMOSPHERE
                    + ", a browser having left its page: Failed to cancel resource: " + UUID);
            assertThat(e.getThrowableProxy()).as("with its exception").isNotNull();
        }).hasSize(2);
    }

    @Test
    void every_other_error_is_logged() {
        var closed = new IllegalStateException(
                "Message will not be sent because the WebSocket session has been closed");

        context.getLogger(VAADIN).error("Exception in push connection",
                new IllegalStateException("Unexpected message id from the client"));
        context.getLogger(ATMOSPHERE).error("Failed to resume resource: {}", UUID, new NullPointerException());
        context.getLogger("org.atmosphere.cpr.AtmosphereFramework").error("Failed to cancel resource: {}", UUID,
                new NullPointerException());
        context.getLogger("io.concierge.publishing.Publisher").error("Publishing failed", closed);
        context.getLogger(VAADIN).warn("Exception in push connection", closed);

        assertThat(logged.list).extracting(e -> e.getLoggerName() + " " + e.getLevel() + " " + e.getFormattedMessage())
                .as("an unknown push error, Atmosphere's other errors, a push-like error of another logger, a warning")
                .containsExactly(VAADIN + " ERROR Exception in push connection",
                        ATMOSPHERE + " ERROR Failed to resume resource: " + UUID,
                        "org.atmosphere.cpr.AtmosphereFramework ERROR Failed to cancel resource: " + UUID,
                        "io.concierge.publishing.Publisher ERROR Publishing failed",
                        VAADIN + " WARN Exception in push connection");
    }

    private List<ILoggingEvent> errors() {
        return logged.list.stream().filter(e -> e.getLevel() == Level.ERROR).toList();
    }
}
