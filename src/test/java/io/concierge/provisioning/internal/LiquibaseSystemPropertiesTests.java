package io.concierge.provisioning.internal;

import liquibase.Scope;
import liquibase.configuration.LiquibaseConfiguration;
import liquibase.configuration.core.EnvironmentValueProvider;
import liquibase.configuration.core.SystemPropertyValueProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The runner's replacements for Liquibase's settings providers still honour -Dliquibase.* settings. */
class LiquibaseSystemPropertiesTests {

    @AfterEach
    void clear() {
        System.clearProperty("liquibase.concierge.probe");
        System.clearProperty("concierge.probe");
    }

    @Test
    void a_liquibase_system_property_is_served_after_the_next_refresh_and_others_are_not() {
        var provider = new LiquibaseRunner.LiquibaseSystemProperties();
        System.setProperty("liquibase.concierge.probe", "on");
        System.setProperty("concierge.probe", "on");
        assertThat(provider.getProvidedValue("liquibase.concierge.probe")).isNull();

        provider.refresh();

        assertThat(provider.getProvidedValue("liquibase.concierge.probe").getValue()).isEqualTo("on");
        assertThat(provider.getProvidedValue("concierge.probe")).isNull();
    }

    @Test
    void it_replaces_liquibases_own_provider_once_the_runner_is_loaded() throws Exception {
        Class.forName(LiquibaseRunner.class.getName());
        var providers = Scope.getCurrentScope().getSingleton(LiquibaseConfiguration.class).getProviders();

        assertThat(providers).noneMatch(p -> p.getClass() == SystemPropertyValueProvider.class
                || p.getClass() == EnvironmentValueProvider.class);
        assertThat(providers).anyMatch(p -> p instanceof LiquibaseRunner.LiquibaseSystemProperties);
        assertThat(providers).anyMatch(p -> p instanceof LiquibaseRunner.LiquibaseEnvironment);
    }
}
