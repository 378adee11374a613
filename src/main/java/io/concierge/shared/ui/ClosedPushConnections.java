package io.concierge.shared.ui;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.helpers.MessageFormatter;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.regex.Pattern;

/**
 * Keeps out of the ERROR log what the push machinery (Atmosphere, Vaadin's push handler) writes when a browser leaves
 * a page while its push connection is in use: the connection is gone either way, nothing is lost or wrong, and the
 * next page opens a connection of its own. Exactly two kinds of event, from push loggers at ERROR:
 * <ul>
 *   <li>a push to, or a call on, a connection whose message, arguments or exceptions say that Tomcat's WebSocket
 *       session has been closed;</li>
 *   <li>Atmosphere's "Failed to cancel resource", whatever its exception. Atmosphere cancels a connection only when it
 *       ends (the browser closed it, or it timed out) and ignores the failure itself; what fails is the clean-up of a
 *       connection that is ending racing a push to it or its own earlier clean-up (seen here: Tomcat refusing the call
 *       "in state [TEXT_FULL_WRITING]", and a resource already released, a NullPointerException).</li>
 * </ul>
 * Every other push error is logged as before, and a dropped event is still written at DEBUG to this class's logger,
 * exception and all, for whoever needs to look. (This replaces switching the logger
 * {@code org.atmosphere.cpr.AsynchronousProcessor} off, which hid all of its errors.)
 */
@Component
class ClosedPushConnections extends TurboFilter {

    private static final Pattern CLOSED = Pattern.compile("WebSocket session( \\[[^]]*])? has been closed");
    private static final String CANCEL_LOGGER = "org.atmosphere.cpr.AsynchronousProcessor";
    private static final String CANCEL_FAILED = "Failed to cancel resource";

    @EventListener(ApplicationStartedEvent.class)
    void install() {
        // after Spring Boot has configured logging, which resets the filters of the context it finds
        var context = (LoggerContext) LoggerFactory.getILoggerFactory();
        if (!context.getTurboFilterList().contains(this)) {
            context.addTurboFilter(this);
        }
        start();
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
                              Throwable thrown) {
        if (level != Level.ERROR || !isPush(logger.getName())) {
            return FilterReply.NEUTRAL;
        }
        var cancelFailed = logger.getName().equals(CANCEL_LOGGER) && format != null
                && format.startsWith(CANCEL_FAILED);
        if (!cancelFailed && !saysClosed(format, params, thrown)) {
            return FilterReply.NEUTRAL;
        }
        var trail = logger.getLoggerContext().getLogger(ClosedPushConnections.class);
        if (trail.isDebugEnabled()) {
            var message = thrown == null ? MessageFormatter.arrayFormat(format, params)
                    : MessageFormatter.arrayFormat(format, params, thrown);
            trail.debug("Dropped from the ERROR log of {}, a browser having left its page: {}", logger.getName(),
                    message.getMessage(), message.getThrowable());
        }
        return FilterReply.DENY;
    }

    /**
     * Whether the message, an argument or an exception (with its causes) says the WebSocket session is closed.
     * logger.error(format, arg, exception) reaches a turbo filter with the exception among the arguments and thrown
     * still null: logback only takes it out of them later.
     */
    private static boolean saysClosed(String format, Object[] params, Throwable thrown) {
        if (format != null && CLOSED.matcher(format).find() || causesSayClosed(thrown)) {
            return true;
        }
        if (params != null) {
            for (var param : params) {
                if (param instanceof Throwable e ? causesSayClosed(e)
                        : param != null && CLOSED.matcher(String.valueOf(param)).find()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean causesSayClosed(Throwable thrown) {
        for (var e = thrown; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e.getMessage() != null && CLOSED.matcher(e.getMessage()).find()) {
                return true;
            }
        }
        return false;
    }

    private static boolean isPush(String logger) {
        return logger.startsWith("org.atmosphere.") || logger.startsWith("com.vaadin.flow.server.communication.");
    }
}
