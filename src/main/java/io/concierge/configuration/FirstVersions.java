package io.concierge.configuration;

import io.concierge.security.Actors;
import io.concierge.shared.InvalidValueException;
import io.concierge.shared.TenantId;
import io.concierge.tenant.TenantEvent.TenantActivated;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;

/**
 * The one path that gives a newly active tenant its first versions: for every area nobody saved yet, the content
 * the tenant was created from ({@link StartingContent}), else the area's own seed ({@link AreaDefinition#seed},
 * the role templates for roles); an area with neither stays at its starting point until somebody saves it.
 * A retried provisioning activates the tenant again; areas saved by then are left alone.
 */
@Service
public class FirstVersions {

    private static final Logger log = LoggerFactory.getLogger(FirstVersions.class);

    private final ConfigurationAreas areas;
    private final List<AreaDefinition<?>> definitions;
    private final List<StartingContent> starts;

    FirstVersions(ConfigurationAreas areas, List<AreaDefinition<?>> definitions, List<StartingContent> starts) {
        this.areas = areas;
        this.definitions = definitions;
        this.starts = starts;
    }

    @ApplicationModuleListener
    void on(TenantActivated event) {
        Actors.runAsSystem(() -> seed(event.tenant()));
    }

    /** Saves the first version of every area of the tenant that has none yet. */
    @Transactional
    public void seed(TenantId tenant) {
        var start = starts.stream().map(s -> s.of(tenant)).flatMap(java.util.Optional::stream).findFirst();
        for (var definition : definitions) {
            if (areas.currentVersion(tenant, definition.area()).isPresent()) {
                continue;
            }
            var json = start.map(s -> s.areas().get(definition.area())).orElse(null);
            if (json != null) {
                seedFrom(definition, tenant, json, start.get().comment());
            } else {
                seedDefault(definition, tenant);
            }
        }
    }

    private <T> void seedFrom(AreaDefinition<T> definition, TenantId tenant, String json, String comment) {
        T content;
        try {
            content = definition.validate(definition.read(json));
        } catch (InvalidValueException e) {
            // checked when the tenant was created; a catalogue that changed since is the only way here
            log.warn("The starting {} of tenant {} no longer passes validation ({}); using the default",
                    definition.area().key(), tenant, e.getMessage());
            seedDefault(definition, tenant);
            return;
        }
        save(definition, tenant, content, comment);
    }

    private <T> void seedDefault(AreaDefinition<T> definition, TenantId tenant) {
        definition.seed().ifPresent(content -> save(definition, tenant, content, definition.seedComment()));
    }

    private <T> void save(AreaDefinition<T> definition, TenantId tenant, T content, String comment) {
        try {
            areas.save(definition, tenant, 0, content, comment);
        } catch (ConfigurationConflictException e) {
            log.info("{} of tenant {} was saved while seeding; keeping it", definition.area().label(), tenant);
        }
    }
}
