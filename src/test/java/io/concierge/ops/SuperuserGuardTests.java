package io.concierge.ops;

import io.concierge.support.IntegrationTest;
import io.concierge.support.Superuser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The console refuses a superuser connection unless told to accept one, and says why. */
class SuperuserGuardTests extends IntegrationTest {

    @Value("${spring.datasource.url}")
    String url;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void a_superuser_connection_is_refused_with_the_reason_and_the_way_out() throws Exception {
        try (var connection = Superuser.connect(url)) {
            var asSuperuser = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
            assertThatThrownBy(() -> new SuperuserGuard(asSuperuser, false).afterPropertiesSet())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("a superuser")
                    .hasMessageContaining("disable the audit log's append-only trigger")
                    .hasMessageContaining("concierge.database.allow-superuser=true");
            assertThatCode(() -> new SuperuserGuard(asSuperuser, true).afterPropertiesSet()).doesNotThrowAnyException();
        }
    }

    @Test
    void the_application_user_passes() {
        assertThatCode(() -> new SuperuserGuard(jdbc, false).afterPropertiesSet()).doesNotThrowAnyException();
    }
}
