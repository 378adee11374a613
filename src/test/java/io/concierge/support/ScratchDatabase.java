package io.concierge.support;

import org.springframework.core.env.Environment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * An empty console database on the test server, for tests that start a console of their own on it: set up as
 * {@code db/users.sql} sets up every console database (the suite's users own and use it), and dropped on close with
 * the tenant roles a console made for it.
 */
public final class ScratchDatabase implements AutoCloseable {

    private final String adminUrl;
    private final String name;
    private final String url;
    private final List<String> arguments;

    private ScratchDatabase(String adminUrl, String name, String url, List<String> arguments) {
        this.adminUrl = adminUrl;
        this.name = name;
        this.url = url;
        this.arguments = arguments;
    }

    /**
     * Creates the database {@code name} next to the suite's ({@code env} is the suite's context's), for the suite's
     * application user, owned by its Flyway user, and with the suite's platform role.
     */
    public static ScratchDatabase create(Environment env, String name, String platformRole) {
        var suiteUrl = env.getRequiredProperty("spring.datasource.url");
        var url = suiteUrl.replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
        var app = env.getRequiredProperty("spring.datasource.username");
        var owner = env.getProperty("spring.flyway.user", "");
        try (var admin = Superuser.connect(suiteUrl); var st = admin.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        if (!owner.isBlank() && !owner.equals(app)) {
            try (var admin = Superuser.connect(url); var st = admin.createStatement();
                 var in = ScratchDatabase.class.getResourceAsStream("/db/users.sql")) {
                st.execute("SET concierge.owner_user = '" + owner + "'");
                st.execute("SET concierge.app_user = '" + app + "'");
                st.execute("SET concierge.platform_user = '" + platformRole + "'");
                st.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        var arguments = new ArrayList<>(List.of("--spring.datasource.url=" + url,
                "--spring.datasource.username=" + app,
                "--spring.datasource.password=" + env.getProperty("spring.datasource.password", ""),
                "--concierge.tenant-roles.platform-role=" + platformRole));
        if (!owner.isBlank()) {
            arguments.add("--spring.flyway.user=" + owner);
            arguments.add("--spring.flyway.password=" + env.getProperty("spring.flyway.password", ""));
        }
        return new ScratchDatabase(suiteUrl, name, url, List.copyOf(arguments));
    }

    public String url() {
        return url;
    }

    /** Command-line arguments (they outrank the environment CI sets) that point a console at this database. */
    public List<String> arguments() {
        return arguments;
    }

    @Override
    public void close() {
        try (var admin = Superuser.connect(adminUrl); var st = admin.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            // roles outlive their database; these are the ones a console made for this one (TenantRoles)
            var roles = new ArrayList<String>();
            try (var rs = st.executeQuery("SELECT quote_ident(rolname) FROM pg_roles"
                    + " WHERE shobj_description(oid, 'pg_authid') LIKE 'Concierge role of schema % in database "
                    + name + "'")) {
                while (rs.next()) {
                    roles.add(rs.getString(1));
                }
            }
            for (var role : roles) {
                st.execute("DROP ROLE " + role);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
