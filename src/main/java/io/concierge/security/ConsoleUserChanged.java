package io.concierge.security;

import io.concierge.shared.TenantId;

/**
 * A console user was created, deactivated, re-activated or had their password reset by an operator, or changed
 * their own password.
 * Carries no password, only what changed.
 */
public record ConsoleUserChanged(String actor, String username, Role role, TenantId tenant, Change change) {

    public enum Change { CREATED, DEACTIVATED, ACTIVATED, PASSWORD_RESET, PASSWORD_CHANGED }
}
