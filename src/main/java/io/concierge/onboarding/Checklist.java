package io.concierge.onboarding;

import java.util.List;

/** A tenant's go-live checklist, in the order the work is usually done. */
public record Checklist(List<ChecklistItem> items) {

    public Checklist {
        items = List.copyOf(items);
    }

    public long done() {
        return items.stream().filter(i -> i.state() == ItemState.DONE).count();
    }

    /** "4/6". */
    public String progress() {
        return done() + "/" + items.size();
    }
}
