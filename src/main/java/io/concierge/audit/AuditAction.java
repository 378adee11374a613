package io.concierge.audit;

import io.concierge.shared.InvalidValueException;

import java.util.Arrays;
import java.util.stream.Collectors;

/** What happened. Keys are stable: they are stored, filtered on and exported. */
public enum AuditAction {
    TENANT_REGISTERED("tenant.registered", "Tenant created"),
    TENANT_ACTIVATED("tenant.activated", "Tenant provisioned"),
    TENANT_PROVISIONING_FAILED("tenant.provisioning-failed", "Provisioning failed"),
    TENANT_PROVISIONING_RETRIED("tenant.provisioning-retried", "Provisioning retried"),
    TENANT_SUSPENDED("tenant.suspended", "Tenant suspended"),
    TENANT_RESUMED("tenant.resumed", "Tenant resumed"),
    TENANT_OFFBOARDED("tenant.offboarded", "Tenant offboarded"),
    TENANT_SCHEMA_UPGRADED("tenant.schema-upgraded", "Schema upgraded"),
    CONFIGURATION_SAVED("configuration.saved", "Configuration saved"),
    CONFIGURATION_RESTORED("configuration.restored", "Configuration restored"),
    USER_CREATED("user.created", "User created"),
    USER_DEACTIVATED("user.deactivated", "User deactivated"),
    USER_ACTIVATED("user.activated", "User activated"),
    USER_PASSWORD_RESET("user.password-reset", "Password reset"),
    USER_PASSWORD_CHANGED("user.password-changed", "Password changed"),
    LOGIN_SUCCEEDED("login.succeeded", "Signed in"),
    LOGIN_FAILED("login.failed", "Sign-in failed"),
    /** Kept for entries written before sign-in pauses replaced account locks. */
    ACCOUNT_LOCKED("login.account-locked", "Account locked"),
    SIGN_IN_PAUSED("login.paused", "Sign-in paused"),
    CHAIN_KEY_CHANGED("audit.chain-key-changed", "Audit chain key changed"),
    ACCESS_REFUSED("access.refused", "Access refused"),
    SSO_RULE_ADDED("sso.rule-added", "Mapping rule added"),
    SSO_RULE_REMOVED("sso.rule-removed", "Mapping rule removed"),
    USER_ROLE_MAPPED("user.role-mapped", "Role changed by mapping"),
    SECOND_FACTOR_ENROLLED("user.second-factor-enrolled", "Second factor set up"),
    SECOND_FACTOR_RESET("user.second-factor-reset", "Second factor reset"),
    RECOVERY_CODES_RENEWED("user.recovery-codes-renewed", "Recovery codes renewed"),
    SESSIONS_ENDED("user.sessions-ended", "Sessions ended"),
    API_CALL("api.call", "API call"),
    API_TOKEN_ISSUED("api.token-issued", "API token issued"),
    API_TOKEN_REVOKED("api.token-revoked", "API token revoked"),
    API_TOKEN_REFUSED("api.token-refused", "API token refused"),
    SERVICE_ACCOUNT_CREATED("api.service-account-created", "Service account created"),
    SERVICE_ACCOUNT_DEACTIVATED("api.service-account-deactivated", "Service account deactivated"),
    CHANGE_PROPOSED("change.proposed", "Change proposed"),
    CHANGE_REVISED("change.revised", "Change request revised"),
    CHANGE_APPROVED("change.approved", "Change approved"),
    CHANGE_REJECTED("change.rejected", "Change rejected"),
    CHANGE_WITHDRAWN("change.withdrawn", "Change withdrawn"),
    CHANGE_SCHEDULED("change.scheduled", "Change scheduled"),
    CHANGE_APPLIED("change.applied", "Change applied"),
    CHANGE_BREAK_GLASS("change.break-glass", "Applied with break glass"),
    CHANGE_BREAK_GLASS_REVIEWED("change.break-glass-reviewed", "Break glass reviewed"),
    CHANGE_CONFLICTED("change.conflicted", "Change conflicted"),
    CHANGE_REBASED("change.rebased", "Change re-based"),
    CHANGE_NOT_APPLIED("change.not-applied", "Scheduled change not applied"),
    APPROVAL_POLICY_CHANGED("change.policy-changed", "Approval policy changed");

    private final String key;
    private final String label;

    AuditAction(String key, String label) {
        this.key = key;
        this.label = label;
    }

    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    public static AuditAction fromKey(String key) {
        return Arrays.stream(values()).filter(a -> a.key.equals(key)).findFirst()
                .orElseThrow(() -> new InvalidValueException("action", "Unknown action '" + key + "'; expected one of "
                        + Arrays.stream(values()).map(AuditAction::key).collect(Collectors.joining(", ")) + "."));
    }
}
