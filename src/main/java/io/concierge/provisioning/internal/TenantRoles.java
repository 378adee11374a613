package io.concierge.provisioning.internal;

import io.concierge.shared.RoleName;
import io.concierge.shared.SchemaName;
import io.concierge.shared.TenantSlug;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The tenants' PostgreSQL roles (docs/postgres-contract.md): one NOLOGIN role per tenant schema, named by the
 * prefix and the schema's name without {@code tenant_} (the template's is the prefix and {@code template}, a slug no
 * tenant may have), and the platform's login role that is a member of the ACTIVE tenants' roles. Roles belong to
 * the whole server: each role the console creates carries a comment naming its database and schema, and the
 * console drops only roles that carry its own comment.
 */
@Component
public class TenantRoles implements InitializingBean {

    /** How a copy script writes the tenant's role. */
    static final String ROLE = "{{role}}";
    /** Room left in PostgreSQL's 63 characters once the longest slug is in the name. */
    static final int MAX_PREFIX = 63 - TenantSlug.MAX_LENGTH;

    private static final Logger log = LoggerFactory.getLogger(TenantRoles.class);

    private final JdbcTemplate jdbc;
    private final TenantRolesProperties properties;
    private String database;
    private String prefix;
    private RoleName platform;

    TenantRoles(JdbcTemplate jdbc, TenantRolesProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** Works the names out and refuses to start without a platform role that can only reach a tenant by SET ROLE. */
    @Override
    public void afterPropertiesSet() {
        database = jdbc.queryForObject("SELECT current_database()", String.class);
        prefix = blank(properties.prefix()) ? defaultPrefix(database) : properties.prefix();
        if (prefix.length() > MAX_PREFIX || !prefix.matches("[a-z][a-z0-9_]*") || prefix.startsWith("pg_")) {
            throw new IllegalStateException("concierge.tenant-roles.prefix '" + prefix + "' must be 1 to " + MAX_PREFIX
                    + " lower-case letters, digits and '_', starting with a letter (not 'pg_')");
        }
        platform = new RoleName(blank(properties.platformRole()) ? prefix + "platform" : properties.platformRole());
        var found = jdbc.query("SELECT rolinherit, rolsuper FROM pg_roles WHERE rolname = ?",
                (rs, row) -> new boolean[] {rs.getBoolean(1), rs.getBoolean(2)}, platform.value());
        if (found.isEmpty()) {
            throw new IllegalStateException("The platform's database role " + platform + " does not exist. Create it"
                    + " (LOGIN NOINHERIT, see docs/postgres-contract.md and src/main/resources/db/users.sql) or name"
                    + " another one in concierge.tenant-roles.platform-role.");
        }
        if (found.get(0)[1] || found.get(0)[0]) {
            throw new IllegalStateException("The platform's database role " + platform + " must be NOINHERIT and not"
                    + " a superuser: otherwise it reads every active tenant's tables without SET ROLE"
                    + " (ALTER ROLE " + platform.quoted() + " NOSUPERUSER NOINHERIT).");
        }
        log.info("Tenant roles are named {}<slug>; the platform connects as {}", prefix, platform);
    }

    /** The database's name made into a role prefix: 'concierge' gives 'concierge_'. */
    static String defaultPrefix(String database) {
        var name = database.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        if (!name.matches("[a-z].*") || name.startsWith("pg_")) {
            name = "db_" + name;
        }
        if (name.length() + 1 > MAX_PREFIX || !name.equals(database)) {
            // shortened or changed: a digest of the real name keeps two such databases apart
            name = name.substring(0, Math.min(name.length(), MAX_PREFIX - 10)) + "_" + digest(database);
        }
        return name + "_";
    }

    public RoleName platform() {
        return platform;
    }

    /** The role of a tenant schema (or of the template, or any schema the console copies the template into). */
    public RoleName roleOf(SchemaName schema) {
        var name = schema.value();
        return new RoleName(prefix + (name.startsWith("tenant_") ? name.substring("tenant_".length()) : name));
    }

    public RoleName roleOf(TenantSlug slug) {
        return roleOf(slug.schema());
    }

    /** The statements that create the role of {@code schema}, to run in the transaction that creates the schema. */
    String createStatements(SchemaName schema) {
        var role = roleOf(schema);
        return "CREATE ROLE " + role.quoted() + " NOLOGIN NOINHERIT;\nCOMMENT ON ROLE " + role.quoted() + " IS '"
                + marker(schema).replace("'", "''") + "'";
    }

    /** Creates the role of {@code schema} unless this database has it already; refuses another database's role. */
    void ensure(SchemaName schema) {
        var comment = commentOf(roleOf(schema));
        if (comment == null) {
            jdbc.execute(createStatements(schema));
        } else if (!comment.equals(marker(schema))) {
            throw foreign(schema, comment);
        }
    }

    /** Drops the role of {@code schema} if this database's console created it; another's is left alone. */
    void dropIfOurs(SchemaName schema) {
        var role = roleOf(schema);
        var comment = commentOf(role);
        if (comment == null) {
            return;
        }
        if (comment.equals(marker(schema))) {
            jdbc.execute("DROP ROLE " + role.quoted());
        } else {
            log.warn("Left role {} alone: {}", role, foreign(schema, comment).getMessage());
        }
    }

    /** Lets the platform reach the tenant's schema (by SET ROLE): the tenant is ACTIVE. */
    void admit(TenantSlug slug) {
        jdbc.execute("GRANT " + roleOf(slug).quoted() + " TO " + platform.quoted());
    }

    /** Takes the platform's membership away: the tenant is suspended or offboarded. */
    void exclude(TenantSlug slug) {
        if (isMember(slug)) {
            jdbc.execute("REVOKE " + roleOf(slug).quoted() + " FROM " + platform.quoted());
        }
    }

    public boolean isMember(TenantSlug slug) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM pg_auth_members m"
                        + " JOIN pg_roles r ON r.oid = m.roleid JOIN pg_roles p ON p.oid = m.member"
                        + " WHERE r.rolname = ? AND p.rolname = ?)", Boolean.class,
                roleOf(slug).value(), platform.value()));
    }

    IllegalStateException foreign(SchemaName schema, String comment) {
        return new IllegalStateException("The role " + roleOf(schema) + " already exists on this PostgreSQL server"
                + " and is not this database's role for " + schema + " (" + (comment.isEmpty() ? "no comment" : comment)
                + "). Roles are shared by every database of a server: give this console another"
                + " concierge.tenant-roles.prefix.");
    }

    /** The comment on the role, "" when it has none, null when there is no such role. */
    private String commentOf(RoleName role) {
        List<String> comments = jdbc.queryForList("SELECT coalesce(shobj_description(oid, 'pg_authid'), '')"
                + " FROM pg_roles WHERE rolname = ?", String.class, role.value());
        return comments.isEmpty() ? null : comments.get(0);
    }

    private String marker(SchemaName schema) {
        return "Concierge role of schema " + schema + " in database " + database;
    }

    private static String digest(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8))).substring(0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
