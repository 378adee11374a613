package io.concierge.changes.ui;

import io.concierge.changes.ChangeRequests;
import io.concierge.shared.ui.MenuCount;
import org.springframework.stereotype.Component;

/** The menu's "Change requests" count: requests waiting for the signed-in user's review. */
@Component
class ChangesMenuCount implements MenuCount {

    private final ChangeRequests requests;

    ChangesMenuCount(ChangeRequests requests) {
        this.requests = requests;
    }

    @Override
    public String path() {
        return "changes";
    }

    @Override
    public long count() {
        return requests.waitingForMyReview().size();
    }
}
