package io.concierge.bulk;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Tells open views, in this JVM, that a row of a job moved on, so they refresh through server push. The database
 * is the truth; this is only a nudge (as ProvisioningProgress is for runs).
 */
@Component
public class BulkProgress {

    private static final Logger log = LoggerFactory.getLogger(BulkProgress.class);

    private final CopyOnWriteArrayList<Consumer<UUID>> listeners = new CopyOnWriteArrayList<>();

    /** Registers a listener of job ids; run the returned action to unregister (views do so on detach). */
    public Runnable subscribe(Consumer<UUID> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    void publish(UUID job) {
        for (var listener : listeners) {
            try {
                listener.accept(job);
            } catch (RuntimeException e) {
                log.debug("A bulk progress listener failed", e);
            }
        }
    }
}
