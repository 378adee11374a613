package io.concierge.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.concierge.access.internal.PermissionFiles;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

import java.util.ArrayList;
import java.util.HashSet;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks the shipped catalogue file itself, independently of the code that loads it. */
class PermissionCatalogTests {

    @Test
    void the_shipped_catalogue_is_versioned_with_unique_well_formed_described_scopes() throws Exception {
        JsonNode file;
        try (var in = new ClassPathResource("permissions/catalog.json").getInputStream()) {
            file = new ObjectMapper().readTree(in);
        }
        assertThat(file.path("version").asText()).matches("\\d{4}\\.\\d{2}");
        var scopes = new ArrayList<String>();
        var groups = new HashSet<String>();
        for (var entry : file.path("scopes")) {
            var scope = entry.path("scope").asText();
            assertThat(scope).as("scope format").matches("[a-z][a-z-]*:[a-z][a-z-]*");
            assertThat(entry.path("description").asText()).as("description of " + scope).isNotBlank();
            assertThat(entry.path("group").asText()).as("group of " + scope).isNotBlank();
            scopes.add(scope);
            groups.add(entry.path("group").asText());
        }
        assertThat(scopes).hasSizeGreaterThanOrEqualTo(25).doesNotHaveDuplicates();
        assertThat(groups).contains("portfolio", "orders", "sip", "funds", "kyc", "reports", "users", "payments", "support");
        assertThat(scopes).contains("portfolio:read", "orders:create", "orders:cancel", "sip:manage",
                "reports:tax-export", "users:manage", "kyc:review");
    }

    @Test
    void the_catalogue_loads_and_every_template_scope_is_in_it() {
        var catalog = PermissionFiles.loadCatalog();
        assertThat(catalog.version()).isEqualTo("2026.11");
        assertThat(catalog.groups().keySet()).startsWith("portfolio", "orders");
        assertThat(catalog.find("orders:cancel")).map(Permission::group).contains("orders");
    }
}
