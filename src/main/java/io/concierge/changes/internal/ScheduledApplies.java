package io.concierge.changes.internal;

import io.concierge.changes.ChangeRequests;
import io.concierge.security.Actors;
import io.concierge.security.CurrentUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Applies scheduled change requests when they are due, as the system. Every console instance runs this; the
 * database decides which instance applies a request (see {@link ChangeRequests#applyNextDue}).
 */
@Component
public class ScheduledApplies implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ScheduledApplies.class);

    private final ChangeRequests requests;
    private final ChangesProperties properties;
    private ScheduledExecutorService loop;
    private volatile boolean running;

    ScheduledApplies(ChangeRequests requests, ChangesProperties properties) {
        this.requests = requests;
        this.properties = properties;
    }

    /** Applies every due request; returns how many this instance handled. */
    public int runOnce() {
        return Actors.callAs(CurrentUser.SYSTEM, () -> {
            int handled = 0;
            while (requests.applyNextDue()) {
                handled++;
            }
            return handled;
        });
    }

    @Override
    public void start() {
        running = true;
        var interval = properties.scheduleInterval().toMillis();
        if (interval <= 0) {
            return;
        }
        loop = Executors.newSingleThreadScheduledExecutor(r -> {
            var thread = new Thread(r, "change-requests-schedule");
            thread.setDaemon(true);
            return thread;
        });
        loop.scheduleWithFixedDelay(() -> {
            try {
                var handled = runOnce();
                if (handled > 0) {
                    log.info("Applied {} scheduled change request(s)", handled);
                }
            } catch (RuntimeException e) {
                log.warn("Scheduled apply of change requests failed; retrying at the next interval", e);
            }
        }, interval, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        running = false;
        if (loop != null) {
            loop.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
