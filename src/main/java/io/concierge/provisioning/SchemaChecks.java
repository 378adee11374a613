package io.concierge.provisioning;

import io.concierge.provisioning.SchemaCheck.Result;
import io.concierge.provisioning.internal.SchemaOperations;
import io.concierge.provisioning.internal.TemplateSchema;
import io.concierge.security.TenantAccess;
import io.concierge.shared.TenantId;
import io.concierge.tenant.TenantService;
import io.concierge.tenant.TenantStatus;
import org.springframework.stereotype.Service;

import java.util.List;

/**
 * Checks a tenant's schema against the template on demand (the tenant page), as provisioning and upgrades do after
 * each run: a grant added by hand, or one taken away, shows as drift.
 */
@Service
public class SchemaChecks {

    private final TenantService tenants;
    private final TemplateSchema templates;
    private final SchemaOperations schemas;
    private final TenantAccess access;

    SchemaChecks(TenantService tenants, TemplateSchema templates, SchemaOperations schemas, TenantAccess access) {
        this.tenants = tenants;
        this.templates = templates;
        this.schemas = schemas;
        this.access = access;
    }

    public SchemaCheck check(TenantId id) {
        access.requireRead(id, "check the schema of tenant " + id);
        var tenant = tenants.find(id).orElseThrow(() -> new IllegalArgumentException("no tenant " + id));
        if (tenant.status() != TenantStatus.ACTIVE && tenant.status() != TenantStatus.SUSPENDED) {
            return new SchemaCheck(Result.NOT_CHECKED, "The tenant is " + tenant.status().name().toLowerCase()
                    + ": there is no schema to check.", List.of());
        }
        var template = templates.current();
        if (!template.version().equals(tenant.changelogVersion())) {
            return new SchemaCheck(Result.BEHIND, "The schema is at changelog " + tenant.changelogVersion()
                    + ", the template at " + template.version() + ": upgrade it, which verifies it.", List.of());
        }
        var differences = template.fingerprint().differences(schemas.fingerprint(tenant.schema()));
        if (differences.isEmpty()) {
            return new SchemaCheck(Result.MATCHES, "The schema matches the template: structure, ownership and "
                    + "privileges (" + template.fingerprint().lines().size() + " items).", List.of());
        }
        return new SchemaCheck(Result.DRIFTED, "The schema has drifted from the template in " + differences.size()
                + (differences.size() == 1 ? " place." : " places."), differences);
    }
}
