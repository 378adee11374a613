package io.concierge.tenant.internal;

import io.concierge.tenant.TenantFilter;
import jakarta.persistence.criteria.Predicate;
import org.springframework.data.jpa.domain.Specification;

import java.util.ArrayList;
import java.util.Locale;

/** The grid's filters as a query; user text is bound as a parameter with LIKE wildcards escaped. */
public final class TenantSpecifications {

    private TenantSpecifications() {
    }

    public static Specification<Tenant> matching(TenantFilter filter) {
        return (root, query, cb) -> {
            var predicates = new ArrayList<Predicate>();
            if (filter.slug() != null && !filter.slug().isBlank()) {
                predicates.add(cb.like(root.get("slug"), "%" + escape(filter.slug().trim().toLowerCase(Locale.ROOT)) + "%", '\\'));
            }
            if (filter.name() != null && !filter.name().isBlank()) {
                predicates.add(cb.like(cb.lower(root.get("displayName")),
                        "%" + escape(filter.name().trim().toLowerCase(Locale.ROOT)) + "%", '\\'));
            }
            if (filter.status() != null) {
                predicates.add(cb.equal(root.get("status"), filter.status()));
            }
            return cb.and(predicates.toArray(Predicate[]::new));
        };
    }

    /** Tenants whose slug sorts after {@code slug} (every tenant for null): the API's keyset cursor. */
    public static Specification<Tenant> after(String slug) {
        return (root, query, cb) -> slug == null || slug.isBlank() ? cb.conjunction()
                : cb.greaterThan(root.get("slug"), slug);
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
