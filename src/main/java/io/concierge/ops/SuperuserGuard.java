package io.concierge.ops;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Refuses to start the console as a PostgreSQL superuser unless {@code concierge.database.allow-superuser} is set
 * (the demo profile sets it). A superuser ignores every privilege: it could disable the audit log's append-only
 * trigger, and the tenant roles would keep nothing apart from it (docs/postgres-contract.md).
 */
@Component
class SuperuserGuard implements InitializingBean {

    private final JdbcTemplate jdbc;
    private final boolean allowed;

    SuperuserGuard(JdbcTemplate jdbc, @Value("${concierge.database.allow-superuser:false}") boolean allowed) {
        this.jdbc = jdbc;
        this.allowed = allowed;
    }

    @Override
    public void afterPropertiesSet() {
        var user = jdbc.queryForObject("SELECT current_user", String.class);
        if (!allowed && Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT rolsuper FROM pg_roles WHERE rolname = current_user", Boolean.class))) {
            throw new IllegalStateException("The console connects to PostgreSQL as " + user + ", a superuser. A"
                    + " superuser bypasses every privilege: it can disable the audit log's append-only trigger and"
                    + " read every tenant's schema. Connect as the console's application user (docs/postgres-contract.md,"
                    + " src/main/resources/db/users.sql), or set concierge.database.allow-superuser=true to accept that.");
        }
    }
}
