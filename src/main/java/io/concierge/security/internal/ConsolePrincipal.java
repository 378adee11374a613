package io.concierge.security.internal;

import io.concierge.security.CurrentUser;

/** Every console principal, however it signed in (password, password and code, single sign-on), is one user. */
public interface ConsolePrincipal {

    CurrentUser user();
}
