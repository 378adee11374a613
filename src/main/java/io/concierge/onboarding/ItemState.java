package io.concierge.onboarding;

/** Where a checklist item stands. UNKNOWN is honest when the console cannot tell yet. */
public enum ItemState {
    DONE, OPEN, UNKNOWN
}
