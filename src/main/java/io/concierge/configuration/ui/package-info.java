/**
 * The editor frame every configuration area uses (title, version, read-only banner, review before save,
 * history, reload, field errors, unsaved-changes guard) and its parts: history, diffs, conflicts.
 */
@org.springframework.modulith.NamedInterface("ui")
package io.concierge.configuration.ui;
