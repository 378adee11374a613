package io.concierge.audit;

import java.util.List;

/**
 * An entry with its before/after content (JSON, secrets and embedded files already replaced by markers) and
 * the field-by-field difference between the two.
 */
public record AuditEntryDetails(AuditEntry entry, String before, String after, List<FieldChange> changes) {
}
