package io.concierge.security.internal;

import io.concierge.security.CurrentUser;

import java.util.UUID;

/**
 * The principal of a call made with an API token: the user (or service account) it acts as, resolved afresh at
 * every call, with the token's id and owner for the audit history.
 */
record ApiTokenPrincipal(CurrentUser user, UUID token, String owner) implements ConsolePrincipal {

    @Override
    public String toString() {
        return "ApiTokenPrincipal[" + user.username() + ", " + user.role() + ", token " + token + "]";
    }
}
