package io.concierge.audit.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.concierge.audit.AuditAction;
import io.concierge.audit.AuditArea;
import io.concierge.changes.ChangeRequestStep;
import io.concierge.configuration.ConfigurationSaved;
import io.concierge.security.AccessRefused;
import io.concierge.security.ApiTokenEvents.ApiCalled;
import io.concierge.security.ApiTokenEvents.ServiceAccountChanged;
import io.concierge.security.ApiTokenEvents.TokenIssued;
import io.concierge.security.ApiTokenEvents.TokenRefused;
import io.concierge.security.ApiTokenEvents.TokenRevoked;
import io.concierge.security.Actors;
import io.concierge.security.ConsoleUserChanged;
import io.concierge.security.ConsoleUserService;
import io.concierge.security.ConsoleUserSummary;
import io.concierge.security.CurrentUser;
import io.concierge.security.IdentityEvents.ManagedRoleChanged;
import io.concierge.security.IdentityEvents.MappingRuleChanged;
import io.concierge.security.IdentityEvents.SecondFactorChanged;
import io.concierge.security.IdentityEvents.SessionsEnded;
import io.concierge.security.LoginEvents.LoginFailed;
import io.concierge.security.LoginEvents.LoginSucceeded;
import io.concierge.security.LoginEvents.SignInPaused;
import io.concierge.security.Role;
import io.concierge.security.TenantAccess;
import io.concierge.shared.TenantId;
import io.concierge.shared.TenantSlug;
import io.concierge.tenant.TenantEvent;
import io.concierge.tenant.TenantEvent.TenantActivated;
import io.concierge.tenant.TenantEvent.TenantOffboarded;
import io.concierge.tenant.TenantEvent.TenantProvisioningFailed;
import io.concierge.tenant.TenantEvent.TenantProvisioningRetried;
import io.concierge.tenant.TenantEvent.TenantRegistered;
import io.concierge.tenant.TenantEvent.TenantResumed;
import io.concierge.tenant.TenantEvent.TenantSchemaUpgraded;
import io.concierge.tenant.TenantEvent.TenantSuspended;
import io.concierge.tenant.TenantService;
import io.concierge.tenant.TenantSummary;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the other modules' events into audit entries. Changes (tenant lifecycle, configuration, console users)
 * are appended synchronously in the publishing transaction, so a change that rolls back leaves no entry.
 * Refusals and sign-in outcomes are facts even when the surrounding transaction rolls back, so they are
 * written independently once it has ended.
 */
@Component
class AuditRecorder {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    /** The actor of failed sign-ins: nobody was verified. */
    static final String ANONYMOUS = "anonymous";

    private final AuditWriter writer;
    private final AuditQueries queries;
    private final TenantAccess access;
    private final TenantService tenants;
    private final ConsoleUserService users;

    AuditRecorder(AuditWriter writer, AuditQueries queries, TenantAccess access, TenantService tenants,
                  ConsoleUserService users) {
        this.writer = writer;
        this.queries = queries;
        this.access = access;
        this.tenants = tenants;
        this.users = users;
    }

    @EventListener
    void on(TenantEvent event) {
        var before = queries.lastTenantState(event.tenant());
        var after = new LinkedHashMap<String, Object>(before == null ? Map.of() : parse(before));
        after.put("status", event.status().name());
        after.remove("reason");
        AuditAction action;
        String detail = null;
        if (event instanceof TenantRegistered r) {
            action = AuditAction.TENANT_REGISTERED;
            after.put("displayName", r.displayName());
            after.put("contactEmail", r.contactEmail());
        } else if (event instanceof TenantActivated a) {
            action = AuditAction.TENANT_ACTIVATED;
            after.put("changelogVersion", a.changelogVersion());
            detail = "schema at changelog version " + a.changelogVersion();
        } else if (event instanceof TenantProvisioningFailed f) {
            action = AuditAction.TENANT_PROVISIONING_FAILED;
            after.put("reason", f.reason());
            detail = f.reason();
        } else if (event instanceof TenantProvisioningRetried r) {
            action = AuditAction.TENANT_PROVISIONING_RETRIED;
            detail = r.previousFailure() == null ? null : "previous failure: " + r.previousFailure();
        } else if (event instanceof TenantSuspended s) {
            action = AuditAction.TENANT_SUSPENDED;
            if (s.reason() != null) {
                after.put("reason", s.reason());
            }
            detail = s.reason();
        } else if (event instanceof TenantResumed) {
            action = AuditAction.TENANT_RESUMED;
        } else if (event instanceof TenantOffboarded) {
            action = AuditAction.TENANT_OFFBOARDED;
        } else if (event instanceof TenantSchemaUpgraded u) {
            action = AuditAction.TENANT_SCHEMA_UPGRADED;
            after.put("changelogVersion", u.toVersion());
            detail = u.fromVersion() + " → " + u.toVersion() + " (" + u.changesetsApplied() + " changesets)";
        } else {
            throw new IllegalStateException("unknown tenant event " + event);
        }
        var actor = access.current();
        writer.append(new PendingEntry(actorName(actor), role(actor), event.tenant(), event.slug().value(),
                AuditArea.TENANT, action, "tenant " + event.slug().value(), detail, before, json(after),
                TenantAccess.clientAddress(), null));
    }

    @EventListener
    void on(ConfigurationSaved event) {
        var restored = event.restoredFrom() != null;
        var detail = restored ? event.comment() + " (restored version " + event.restoredFrom() + ")" : event.comment();
        writer.append(new PendingEntry(event.author(), role(access.current()), event.tenant(), event.slug().value(),
                AuditArea.of(event.area()), restored ? AuditAction.CONFIGURATION_RESTORED : AuditAction.CONFIGURATION_SAVED,
                event.area().label(), detail, Redactor.redact(event.before()), Redactor.redact(event.after()),
                TenantAccess.clientAddress(), event.version()));
    }

    /** Change-request steps land in the history of the area they are about; break glass is its own action. */
    @EventListener
    void on(ChangeRequestStep event) {
        var action = switch (event.step()) {
            case PROPOSED -> AuditAction.CHANGE_PROPOSED;
            case REVISED -> AuditAction.CHANGE_REVISED;
            case APPROVED -> AuditAction.CHANGE_APPROVED;
            case REJECTED -> AuditAction.CHANGE_REJECTED;
            case WITHDRAWN -> AuditAction.CHANGE_WITHDRAWN;
            case SCHEDULED -> AuditAction.CHANGE_SCHEDULED;
            case APPLIED -> AuditAction.CHANGE_APPLIED;
            case BREAK_GLASS -> AuditAction.CHANGE_BREAK_GLASS;
            case BREAK_GLASS_REVIEWED -> AuditAction.CHANGE_BREAK_GLASS_REVIEWED;
            case CONFLICTED -> AuditAction.CHANGE_CONFLICTED;
            case REBASED -> AuditAction.CHANGE_REBASED;
            case NOT_APPLIED -> AuditAction.CHANGE_NOT_APPLIED;
            case POLICY_CHANGED -> AuditAction.APPROVAL_POLICY_CHANGED;
        };
        var target = event.request() == null ? "approval policy of " + event.area().label().toLowerCase()
                : "change request #" + event.request();
        var detail = event.detail().length() <= 1000 ? event.detail() : event.detail().substring(0, 999) + "…";
        writer.append(new PendingEntry(event.actor(), role(access.current()), event.tenant(), event.slug().value(),
                AuditArea.of(event.area()), action, target, detail, null, null, TenantAccess.clientAddress(), null));
    }

    @EventListener
    void on(ConsoleUserChanged event) {
        String before = null;
        String after = null;
        AuditAction action;
        switch (event.change()) {
            case CREATED -> {
                action = AuditAction.USER_CREATED;
                var user = new LinkedHashMap<String, Object>();
                user.put("username", event.username());
                user.put("role", event.role().name());
                user.put("active", true);
                after = json(user);
            }
            case DEACTIVATED -> {
                action = AuditAction.USER_DEACTIVATED;
                before = json(Map.of("active", true));
                after = json(Map.of("active", false));
            }
            case ACTIVATED -> {
                action = AuditAction.USER_ACTIVATED;
                before = json(Map.of("active", false));
                after = json(Map.of("active", true));
            }
            case PASSWORD_RESET -> action = AuditAction.USER_PASSWORD_RESET;
            case PASSWORD_CHANGED -> action = AuditAction.USER_PASSWORD_CHANGED;
            default -> throw new IllegalStateException("unknown change " + event.change());
        }
        var detail = event.role().label() + (event.change() == ConsoleUserChanged.Change.PASSWORD_RESET
                || event.change() == ConsoleUserChanged.Change.PASSWORD_CHANGED
                ? "; the new password is never recorded" : "");
        writer.append(new PendingEntry(event.actor(), role(access.current()), event.tenant(), slugOf(event.tenant()),
                AuditArea.USERS, action, event.username(), detail, before, after, TenantAccess.clientAddress(), null));
    }

    @EventListener
    void on(LoginSucceeded event) {
        writer.appendIndependently(() -> {
            var user = event.role() == Role.PARTNER_ADMIN ? consoleUser(event.username()) : Optional.<ConsoleUserSummary>empty();
            return new PendingEntry(event.username(), event.role().name(),
                user.map(ConsoleUserSummary::tenant).orElse(null), user.map(ConsoleUserSummary::tenantSlug).orElse(null),
                AuditArea.SIGN_IN, AuditAction.LOGIN_SUCCEEDED, event.username(), null, null, null,
                event.clientAddress(), null);
        });
    }

    /**
     * The first failure of a username from an address in a window; later ones are only counted, and the pause
     * they lead to is recorded with the count, so a flood of made-up names costs at most two rows per name and
     * address per window (and the per-address pause caps the names). The name is what was typed: the actor is
     * anonymous, and the entry says the name is unverified.
     */
    @EventListener
    void on(LoginFailed event) {
        if (event.failuresInWindow() != 1) {
            return;
        }
        writer.appendIndependently(() -> {
            var user = consoleUser(event.username());
            return new PendingEntry(ANONYMOUS, null,
                user.map(ConsoleUserSummary::tenant).orElse(null), user.map(ConsoleUserSummary::tenantSlug).orElse(null),
                AuditArea.SIGN_IN, AuditAction.LOGIN_FAILED, event.username(),
                event.reason() + "; unverified username as typed; further failures in this window are counted, "
                        + "not recorded one by one", null, null, event.clientAddress(), null);
        });
    }

    @EventListener
    void on(SignInPaused event) {
        writer.appendIndependently(() -> {
            var user = event.username() == null ? Optional.<ConsoleUserSummary>empty() : consoleUser(event.username());
            var until = DateTimeFormatter.ISO_INSTANT.format(event.until());
            return new PendingEntry(ANONYMOUS, null,
                user.map(ConsoleUserSummary::tenant).orElse(null), user.map(ConsoleUserSummary::tenantSlug).orElse(null),
                AuditArea.SIGN_IN, AuditAction.SIGN_IN_PAUSED,
                event.username() == null ? "every username from " + event.clientAddress() : event.username(),
                event.username() == null
                        ? event.failures() + " failed sign-ins from this address; sign-in paused until " + until
                        : event.failures() + " failed sign-ins of this unverified username from this address; "
                        + "sign-in paused until " + until, null, null, event.clientAddress(), null);
        });
    }

    @EventListener
    void on(AccessRefused event) {
        writer.appendIndependently(() -> new PendingEntry(event.username(), event.role() == null ? null : event.role().name(),
                event.tenant(), slugOf(event.tenant()), AuditArea.REFUSAL, AuditAction.ACCESS_REFUSED, event.target(),
                null, null, null, event.clientAddress(), null));
    }

    @EventListener
    void on(MappingRuleChanged event) {
        var rule = new LinkedHashMap<String, Object>();
        rule.put("provider", event.provider());
        rule.put("claim", event.claim());
        rule.put("value", event.value());
        rule.put("role", event.role().name());
        if (event.tenant() != null) {
            rule.put("tenant", slugOf(event.tenant()));
        }
        writer.append(new PendingEntry(event.actor(), role(access.current()), event.tenant(), slugOf(event.tenant()),
                AuditArea.SSO, event.added() ? AuditAction.SSO_RULE_ADDED : AuditAction.SSO_RULE_REMOVED,
                event.provider() + ": " + event.claim() + "=" + event.value(), null,
                event.added() ? null : json(rule), event.added() ? json(rule) : null, TenantAccess.clientAddress(), null));
    }

    @EventListener
    void on(ManagedRoleChanged event) {
        var before = new LinkedHashMap<String, Object>();
        before.put("role", event.before().name());
        before.put("tenant", slugOf(event.tenantBefore()));
        var after = new LinkedHashMap<String, Object>();
        after.put("role", event.after().name());
        after.put("tenant", slugOf(event.tenantAfter()));
        writer.append(new PendingEntry("sso:" + event.provider(), null, event.tenantAfter(), slugOf(event.tenantAfter()),
                AuditArea.USERS, AuditAction.USER_ROLE_MAPPED, event.username(),
                "by the mapping rules of provider '" + event.provider() + "' at sign-in", json(before), json(after),
                TenantAccess.clientAddress(), null));
    }

    @EventListener
    void on(SecondFactorChanged event) {
        var action = switch (event.change()) {
            case ENROLLED -> AuditAction.SECOND_FACTOR_ENROLLED;
            case RESET -> AuditAction.SECOND_FACTOR_RESET;
            case RECOVERY_CODES_RENEWED -> AuditAction.RECOVERY_CODES_RENEWED;
        };
        writer.append(new PendingEntry(event.actor(), role(access.current()), event.tenant(), slugOf(event.tenant()),
                AuditArea.USERS, action, event.username(), event.role().label() + "; secrets are never recorded",
                null, null, TenantAccess.clientAddress(), null));
    }

    @EventListener
    void on(SessionsEnded event) {
        writer.appendIndependently(() -> new PendingEntry(event.actor(), role(access.current()), null, null,
                AuditArea.SIGN_IN, AuditAction.SESSIONS_ENDED, event.username(),
                event.reason() + " (" + event.sessions() + " session" + (event.sessions() == 1 ? "" : "s") + ")",
                null, null, TenantAccess.clientAddress(), null));
    }

    /**
     * A call made with an API token, whatever it asked (reads included): the token, its owner, what and from where.
     * Written on its own, after the call: a refused or failed call is a fact too.
     */
    @EventListener
    void on(ApiCalled event) {
        writer.appendIndependently(() -> new PendingEntry(event.owner(), event.role().name(), event.tenant(),
                slugOf(event.tenant()), AuditArea.API, AuditAction.API_CALL, event.method() + " " + event.path(),
                "token " + event.token() + " of " + event.owner() + "; answered " + event.status(), null, null,
                event.clientAddress(), null));
    }

    /** Marked as a failed sign-in is: by nobody verified, the first per token, reason and window only. */
    @EventListener
    void on(TokenRefused event) {
        writer.appendIndependently(() -> new PendingEntry(ANONYMOUS, null, event.tenant(), slugOf(event.tenant()),
                AuditArea.API, AuditAction.API_TOKEN_REFUSED, event.owner() + ": " + event.name(),
                "token " + event.token() + " of " + event.owner() + " presented, " + event.reason()
                        + "; answered 401; unverified caller; further uses for this reason within "
                        + event.window().toMinutes() + " minutes are refused, not recorded one by one", null, null,
                event.clientAddress(), null));
    }

    @EventListener
    void on(TokenIssued event) {
        var token = new LinkedHashMap<String, Object>();
        token.put("id", event.token().toString());
        token.put("name", event.name());
        token.put("owner", event.owner());
        token.put("expiresAt", event.expiresAt().toString());
        writer.append(new PendingEntry(event.actor(), role(access.current()), event.tenant(), slugOf(event.tenant()),
                AuditArea.API, AuditAction.API_TOKEN_ISSUED, event.owner() + ": " + event.name(),
                "token " + event.token() + "; the secret is never recorded", null, json(token),
                TenantAccess.clientAddress(), null));
    }

    @EventListener
    void on(TokenRevoked event) {
        writer.append(new PendingEntry(event.actor(), role(access.current()), event.tenant(), slugOf(event.tenant()),
                AuditArea.API, AuditAction.API_TOKEN_REVOKED, event.owner() + ": " + event.name(),
                "token " + event.token() + "; " + event.reason(), null, null, TenantAccess.clientAddress(), null));
    }

    @EventListener
    void on(ServiceAccountChanged event) {
        var account = new LinkedHashMap<String, Object>();
        account.put("name", event.name());
        account.put("role", event.role().name());
        account.put("tenant", slugOf(event.tenant()));
        account.put("active", event.created());
        writer.append(new PendingEntry(event.actor(), role(access.current()), event.tenant(), slugOf(event.tenant()),
                AuditArea.API, event.created() ? AuditAction.SERVICE_ACCOUNT_CREATED
                : AuditAction.SERVICE_ACCOUNT_DEACTIVATED, "service:" + event.name(), event.role().label(),
                event.created() ? null : json(Map.of("active", true)), json(account), TenantAccess.clientAddress(),
                null));
    }

    /** The tenant's slug, looked up as the system: the actor may be the very partner admin who was refused. */
    private String slugOf(TenantId tenant) {
        if (tenant == null) {
            return null;
        }
        return Actors.callAs(CurrentUser.SYSTEM, () -> tenants.find(tenant))
                .map(TenantSummary::slug).map(TenantSlug::value).orElse(null);
    }

    /** The console user, if one has that name: a partner admin's sign-ins belong to their tenant's history. */
    private Optional<ConsoleUserSummary> consoleUser(String username) {
        return Actors.callAs(CurrentUser.SYSTEM, users::list).stream()
                .filter(u -> u.username().equals(username))
                .findFirst();
    }

    private static String actorName(Optional<CurrentUser> user) {
        return user.map(CurrentUser::username).orElse(ANONYMOUS);
    }

    private static String role(Optional<CurrentUser> user) {
        return user.map(u -> u.role().name()).orElse(null);
    }

    private static String json(Map<String, ?> map) {
        try {
            return JSON.writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(String json) {
        try {
            return JSON.readValue(json, Map.class);
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }
}
