package io.concierge.branding;

/** One field that differs between two brandings, as the review and restore dialogs show it. */
public record FieldChange(String field, String before, String after) {
}
