package io.concierge.security;

import io.concierge.ConciergeApplication;
import io.concierge.provisioning.internal.TenantRoles;
import io.concierge.support.IntegrationTest;
import io.concierge.support.ScratchDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.core.env.Environment;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** On an empty database, the console needs a first operator from the environment: there are no default passwords. */
class FirstOperatorTests extends IntegrationTest {

    @Autowired
    Environment environment;
    @Autowired
    TenantRoles roles;

    @Test
    void the_console_refuses_to_start_on_an_empty_database_without_a_first_operator() {
        withEmptyDatabase(database -> assertThatThrownBy(() -> start(database, "", "").close())
                .hasStackTraceContaining("Concierge has no operator yet and no first operator is configured"));
    }

    @Test
    void the_first_operator_comes_from_the_environment_and_is_needed_only_once() {
        withEmptyDatabase(database -> {
            try (var first = start(database, "first-ops", "s3cret-first")) {
                var users = first.getBean(ConsoleUserService.class);
                assertThat(Actors.callAs(CurrentUser.SYSTEM, users::list))
                        .singleElement().satisfies(u -> {
                            assertThat(u.username()).isEqualTo("first-ops");
                            assertThat(u.role()).isEqualTo(Role.OPERATOR);
                        });
            }
            start(database, "", "").close();
        });
    }

    private static org.springframework.context.ConfigurableApplicationContext start(List<String> database, String user,
                                                                                   String password) {
        // command-line arguments outrank the environment variables CI sets
        var arguments = new ArrayList<>(database);
        arguments.addAll(List.of("--server.port=0", "--concierge.security.bootstrap.username=" + user,
                "--concierge.security.bootstrap.password=" + password));
        return new SpringApplicationBuilder(ConciergeApplication.class).run(arguments.toArray(String[]::new));
    }

    private void withEmptyDatabase(java.util.function.Consumer<List<String>> test) {
        var name = "concierge_boot_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (var database = ScratchDatabase.create(environment, name, roles.platform().value())) {
            test.accept(database.arguments());
        }
    }
}
