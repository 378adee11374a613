package io.concierge.access.internal;

import io.concierge.access.PermissionCatalog;
import io.concierge.access.RoleGrant;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;

/**
 * Loads the permission catalogue and the role templates shipped in {@code permissions/}. A broken file stops
 * the start-up: a console that cannot tell a valid scope from a typo must not accept edits.
 */
@Configuration
public class PermissionFiles {

    public static final String CATALOG = "permissions/catalog.json";
    public static final String TEMPLATES = "permissions/role-templates.json";

    @Bean
    PermissionCatalog permissionCatalog() {
        return loadCatalog();
    }

    @Bean
    RoleTemplates roleTemplates(PermissionCatalog catalog) {
        return new RoleTemplates(loadTemplates(catalog));
    }

    public static PermissionCatalog loadCatalog() {
        try (var in = new ClassPathResource(CATALOG).getInputStream()) {
            var catalog = MatrixJson.readCatalog(in);
            var seen = new HashSet<String>();
            for (var p : catalog.scopes()) {
                if (p.scope() == null || !PermissionCatalog.SCOPE.matcher(p.scope()).matches()) {
                    throw new IllegalStateException(CATALOG + ": '" + p.scope() + "' is not of the form resource:action");
                }
                if (!seen.add(p.scope())) {
                    throw new IllegalStateException(CATALOG + ": scope '" + p.scope() + "' is listed twice");
                }
                if (p.description() == null || p.description().isBlank() || p.group() == null || p.group().isBlank()) {
                    throw new IllegalStateException(CATALOG + ": scope '" + p.scope() + "' needs a group and a description");
                }
            }
            catalog.sensitive().stream().filter(s -> !catalog.contains(s)).findFirst().ifPresent(s -> {
                throw new IllegalStateException(CATALOG + ": sensitive scope '" + s + "' is not in the catalogue");
            });
            return catalog;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + CATALOG, e);
        }
    }

    static List<RoleGrant> loadTemplates(PermissionCatalog catalog) {
        try (var in = new ClassPathResource(TEMPLATES).getInputStream()) {
            var roles = MatrixJson.readTemplates(in);
            roles.forEach(r -> r.scopes().stream().filter(s -> !catalog.contains(s)).findFirst().ifPresent(s -> {
                throw new IllegalStateException(TEMPLATES + ": role '" + r.key() + "' has unknown scope '" + s + "'");
            }));
            return roles;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + TEMPLATES, e);
        }
    }
}
