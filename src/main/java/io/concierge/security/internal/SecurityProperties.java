package io.concierge.security.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code concierge.security.*}: when failed sign-ins pause sign-in ({@code lockout}, a name kept for
 * existing configurations), and the first operator created on an empty console.
 */
@ConfigurationProperties("concierge.security")
record SecurityProperties(@DefaultValue Lockout lockout, @DefaultValue Bootstrap bootstrap,
                          @DefaultValue Management management) {

    /**
     * Failed sign-ins counted over windows of {@code duration}: {@code maxFailures} for one username from one
     * address pause that username from that address; {@code maxFailuresPerAddress} for any usernames pause that
     * address; {@code maxFailuresOverall} from all addresses pause every address that failed in its window. Each
     * pause lasts {@code duration}. Accounts themselves are never locked (see {@link LoginAttempts}).
     */
    record Lockout(@DefaultValue("5") int maxFailures, @DefaultValue("15m") Duration duration,
                   @DefaultValue("20") int maxFailuresPerAddress, @DefaultValue("500") int maxFailuresOverall) {
    }

    /** From {@code CONCIERGE_SECURITY_BOOTSTRAP_USERNAME} / {@code _PASSWORD} on a console with no operator. */
    record Bootstrap(String username, String password) {
    }

    /**
     * HTTP Basic credentials for management endpoints other than health (Prometheus scraping), from
     * {@code CONCIERGE_SECURITY_MANAGEMENT_USERNAME} / {@code _PASSWORD}. Unset: those endpoints refuse everyone.
     */
    record Management(String username, String password) {
    }
}
