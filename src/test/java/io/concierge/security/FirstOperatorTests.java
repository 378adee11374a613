package io.concierge.security;

import com.zaxxer.hikari.HikariDataSource;
import io.concierge.ConciergeApplication;
import io.concierge.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** On an empty database, the console needs a first operator from the environment: there are no default passwords. */
class FirstOperatorTests extends IntegrationTest {

    @Autowired
    DataSource dataSource;

    @Test
    void the_console_refuses_to_start_on_an_empty_database_without_a_first_operator() {
        withEmptyDatabase(url -> assertThatThrownBy(() -> start(url, "", "").close())
                .hasStackTraceContaining("Concierge has no operator yet and no first operator is configured"));
    }

    @Test
    void the_first_operator_comes_from_the_environment_and_is_needed_only_once() {
        withEmptyDatabase(url -> {
            try (var first = start(url, "first-ops", "s3cret-first")) {
                var users = first.getBean(ConsoleUserService.class);
                assertThat(Actors.callAs(CurrentUser.SYSTEM, users::list))
                        .singleElement().satisfies(u -> {
                            assertThat(u.username()).isEqualTo("first-ops");
                            assertThat(u.role()).isEqualTo(Role.OPERATOR);
                        });
            }
            start(url, "", "").close();
        });
    }

    private static org.springframework.context.ConfigurableApplicationContext start(String url, String user,
                                                                                   String password) {
        // command-line arguments outrank the environment variables CI sets
        return new SpringApplicationBuilder(ConciergeApplication.class)
                .run("--server.port=0", "--spring.datasource.url=" + url,
                        "--concierge.security.bootstrap.username=" + user,
                        "--concierge.security.bootstrap.password=" + password);
    }

    private void withEmptyDatabase(java.util.function.Consumer<String> test) {
        var name = "concierge_boot_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        var jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("CREATE DATABASE " + name);
        try {
            var url = ((HikariDataSource) dataSource).getJdbcUrl().replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
            test.accept(url);
        } finally {
            jdbc.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }
}
