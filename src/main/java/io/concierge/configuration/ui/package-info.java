/**
 * Reusable views of versioned configuration (history, diffs, review before saving, conflicts), offered to
 * every area's editor.
 */
@org.springframework.modulith.NamedInterface("ui")
package io.concierge.configuration.ui;
