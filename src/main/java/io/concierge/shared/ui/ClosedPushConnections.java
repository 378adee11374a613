package io.concierge.shared.ui;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.regex.Pattern;

/**
 * Keeps out of the log the ERRORs the push machinery (Atmosphere, Vaadin's push handler) writes when the server
 * pushes to, or cancels, a connection the browser has just closed by leaving the page: the session is gone either
 * way, nothing is lost or wrong, and the next page opens a connection of its own. Only those: an event is dropped when
 * it comes from a push logger and its message, one of its arguments or one of its exceptions says that Tomcat's
 * WebSocket session has been closed; and when Atmosphere fails to cancel (close) a connection because Tomcat was still
 * writing a push to it, the same race seen from the other side (the closing connection's endpoint refuses the call "in
 * state [TEXT_FULL_WRITING]"). Every other push error is logged as before. (This replaces switching the logger
 * {@code org.atmosphere.cpr.AsynchronousProcessor} off, which hid all of its errors for one of them.)
 */
@Component
class ClosedPushConnections extends TurboFilter {

    private static final Pattern CLOSED = Pattern.compile("WebSocket session( \\[[^]]*])? has been closed");
    private static final Pattern STILL_WRITING =
            Pattern.compile("remote endpoint was in state \\[[A-Z_]*WRITING] which is an invalid state");
    private static final String CANCELLING = "Failed to cancel resource";

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
        if (format != null && CLOSED.matcher(format).find()) {
            return FilterReply.DENY;
        }
        // logger.error(format, arg, exception) reaches a turbo filter with the exception among the arguments and
        // thrown still null: logback only takes it out of them later
        var cancelling = format != null && format.startsWith(CANCELLING);
        if (isClosed(thrown, cancelling)) {
            return FilterReply.DENY;
        }
        if (params != null) {
            for (var param : params) {
                if (param instanceof Throwable e ? isClosed(e, cancelling)
                        : param != null && CLOSED.matcher(String.valueOf(param)).find()) {
                    return FilterReply.DENY;
                }
            }
        }
        return FilterReply.NEUTRAL;
    }

    /** Whether the exception, or one of its causes, says the session is closed or, for a cancel, still written to. */
    private static boolean isClosed(Throwable thrown, boolean cancelling) {
        for (var e = thrown; e != null; e = e.getCause() == e ? null : e.getCause()) {
            var message = e.getMessage();
            if (message != null && (CLOSED.matcher(message).find()
                    || cancelling && STILL_WRITING.matcher(message).find())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isPush(String logger) {
        return logger.startsWith("org.atmosphere.") || logger.startsWith("com.vaadin.flow.server.communication.");
    }
}
