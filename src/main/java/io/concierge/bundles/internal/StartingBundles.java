package io.concierge.bundles.internal;

import io.concierge.configuration.StartingContent;
import io.concierge.shared.TenantId;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** Gives the configuration module's one seeding path the bundle a tenant was created from. */
@Component
class StartingBundles implements StartingContent {

    private final StartingBundleRepository bundles;
    private final BundleSchema schema;

    StartingBundles(StartingBundleRepository bundles, BundleSchema schema) {
        this.bundles = bundles;
        this.schema = schema;
    }

    @Override
    public Optional<Start> of(TenantId tenant) {
        return bundles.findById(tenant.value())
                .map(b -> new Start(BundleDocuments.read(b.getDocument(), schema).areas(), b.getSource()));
    }
}
