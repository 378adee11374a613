package io.concierge.configuration;

import io.concierge.shared.StaleVersionException;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Somebody saved the area since the editor was opened; nothing was overwritten. */
public class ConfigurationConflictException extends StaleVersionException {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final transient ConfigVersion current;

    public ConfigurationConflictException(ConfigVersion current) {
        super(current.area().label() + " was changed by " + current.author() + " at " + TIME.format(current.createdAt())
                + " (version " + current.version() + ") since you opened it. Reload to see their change; "
                + "nothing was overwritten.", current.author(), current.createdAt(), current.version());
        this.current = current;
    }

    /** Two saves raced and the other committed first; its details cannot be read in this failed transaction. */
    public ConfigurationConflictException(ConfigArea area) {
        super(area.label() + " was saved by someone else at the same moment. Reload to see their change; "
                + "nothing was overwritten.", null, null, null);
        this.current = null;
    }

    /** The version that is current now, or null when the conflict was a race at commit time. */
    public ConfigVersion current() {
        return current;
    }
}
