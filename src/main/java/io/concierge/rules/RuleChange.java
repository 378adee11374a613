package io.concierge.rules;

/** One rule that differs between two versions, as the review and restore dialogs show it. */
public record RuleChange(String field, String before, String after) {
}
