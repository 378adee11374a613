package io.concierge.security;

import io.concierge.shared.TenantId;

/** Somebody was refused an action or a page; recorded in the audit history. */
public record AccessRefused(String username, Role role, TenantId tenant, String target, String clientAddress) {
}
