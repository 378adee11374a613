package io.concierge.publishing.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code concierge.publishing.*}.
 *
 * @param reconcileInterval how often the whole cache is compared with the database and drift repaired (0: never)
 * @param retryInterval     how often failed or missed publications are looked for
 * @param backoffMin        wait after the first failed attempt of a tenant; doubles with every further failure
 * @param backoffMax        longest wait between two attempts of a tenant
 * @param workers           threads publishing after commit and retrying
 * @param rebuildWorkers    threads of a rebuild or a reconciliation of all tenants
 */
@ConfigurationProperties("concierge.publishing")
public record PublishingProperties(@DefaultValue("5m") Duration reconcileInterval,
                                   @DefaultValue("1s") Duration retryInterval,
                                   @DefaultValue("500ms") Duration backoffMin,
                                   @DefaultValue("30s") Duration backoffMax,
                                   @DefaultValue("4") int workers,
                                   @DefaultValue("4") int rebuildWorkers) {
}
