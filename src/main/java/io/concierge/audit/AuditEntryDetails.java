package io.concierge.audit;

import io.concierge.configuration.FieldChange;

import java.util.List;

/**
 * An entry with its before/after content (JSON, secrets and embedded files already replaced by markers) and
 * the difference between the two, told the way the configuration editors tell it (labels, roles by key, scopes
 * as sets, images as thumbnails).
 */
public record AuditEntryDetails(AuditEntry entry, String before, String after, List<FieldChange> changes) {
}
