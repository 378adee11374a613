package io.concierge.bulk;

/**
 * One tenant of a bulk file, as read: {@code row} counts the data rows from 1 (a CSV file's header is not a
 * row). {@code firstAdmin} and {@code like} (the slug of a tenant whose configuration the new one starts from)
 * are null when not given.
 */
public record BulkRow(int row, String slug, String displayName, String contactEmail, String firstAdmin, String like) {
}
