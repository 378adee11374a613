package io.concierge.provisioning;

import io.concierge.shared.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Tells open views, in this JVM, that a run or a fleet upgrade moved on, so they can refresh through server
 * push. Views on other console instances see the change on their next refresh: the database is the truth,
 * this is only a nudge.
 */
@Component
public class ProvisioningProgress {

    private static final Logger log = LoggerFactory.getLogger(ProvisioningProgress.class);

    private final CopyOnWriteArrayList<Consumer<Update>> listeners = new CopyOnWriteArrayList<>();

    /** Registers a listener; run the returned action to unregister (views do so on detach). */
    public Runnable subscribe(Consumer<Update> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    public void publish(Update update) {
        for (var listener : listeners) {
            try {
                listener.accept(update);
            } catch (RuntimeException e) {
                // a closed browser tab must not break the run that reports progress
                log.debug("A progress listener failed", e);
            }
        }
    }

    public sealed interface Update {
    }

    /** A run of the tenant started, finished a step, or ended. */
    public record RunUpdated(TenantId tenant, UUID run, RunStatus status) implements Update {
    }

    /** The fleet upgrade's report as it stands now. */
    public record FleetUpdated(FleetUpgradeReport report) implements Update {
    }
}
