package io.concierge.onboarding;

/** One thing a tenant needs before go-live; {@code link} is the console route where it is completed. */
public record ChecklistItem(String key, String label, ItemState state, String detail, String link) {
}
