package io.concierge.security.internal;

import io.concierge.security.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * An empty console gets its first operator from {@code concierge.security.bootstrap.*} (environment
 * variables {@code CONCIERGE_SECURITY_BOOTSTRAP_USERNAME} and {@code _PASSWORD}). With no operator and no
 * bootstrap credentials the console refuses to start: there are no default passwords.
 */
@Component
class FirstOperatorBootstrap implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(FirstOperatorBootstrap.class);

    private final ConsoleUserAdministration administration;
    private final SecurityProperties properties;

    FirstOperatorBootstrap(ConsoleUserAdministration administration, SecurityProperties properties) {
        this.administration = administration;
        this.properties = properties;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (administration.operatorExists()) {
            return;
        }
        var bootstrap = properties.bootstrap();
        if (bootstrap.username() == null || bootstrap.username().isBlank()
                || bootstrap.password() == null || bootstrap.password().isBlank()) {
            throw new IllegalStateException("""
                    Concierge has no operator yet and no first operator is configured.
                    Set CONCIERGE_SECURITY_BOOTSTRAP_USERNAME and CONCIERGE_SECURITY_BOOTSTRAP_PASSWORD \
                    (or start with the 'demo' profile), then start again.""");
        }
        administration.createWithPassword(bootstrap.username(), bootstrap.password(), Role.OPERATOR, null, null,
                "bootstrap");
        log.info("Created the first operator '{}' from the bootstrap configuration", bootstrap.username());
    }
}
