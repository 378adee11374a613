package io.concierge.provisioning.internal;

import io.concierge.shared.SchemaName;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * PostgreSQL advisory locks that serialise everything that changes one schema (copy, Liquibase, drop) across
 * threads and console instances. Session locks for Liquibase runs, transaction locks for single statements;
 * both kinds on one key conflict with each other.
 */
final class SchemaLocks {

    /** SQL expression of a lock key; bind {@link #key(SchemaName)} or another name to the parameter. */
    static final String KEY = "hashtext(?)::bigint";

    private SchemaLocks() {
    }

    static String key(SchemaName schema) {
        return "concierge.schema:" + schema.value();
    }

    static void lock(Connection connection, String key) throws SQLException {
        try (var st = connection.prepareStatement("SELECT pg_advisory_lock(" + KEY + ")")) {
            st.setString(1, key);
            st.execute();
        }
    }

    /** Takes the lock if it is free; returns whether it did. */
    static boolean tryLock(Connection connection, String key) throws SQLException {
        try (var st = connection.prepareStatement("SELECT pg_try_advisory_lock(" + KEY + ")")) {
            st.setString(1, key);
            try (var rs = st.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    static void unlock(Connection connection, String key) throws SQLException {
        try (var st = connection.prepareStatement("SELECT pg_advisory_unlock(" + KEY + ")")) {
            st.setString(1, key);
            st.execute();
        }
    }
}
