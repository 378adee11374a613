package io.concierge.security;

import io.concierge.security.ApiTokenEvents.ServiceAccountChanged;
import io.concierge.security.internal.ApiTokens;
import io.concierge.security.internal.ServiceAccounts;
import io.concierge.shared.DisplayText;
import io.concierge.shared.DuplicateValueException;
import io.concierge.shared.InvalidValueException;
import io.concierge.shared.NotFoundException;
import io.concierge.shared.TenantId;
import io.concierge.shared.TenantSlug;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Personal access tokens (every console user's own: they act as that user) and service accounts (an operator
 * creates them with a role; their tokens rotate with an overlap). Secrets are returned once, on issue.
 */
@Service
public class ApiTokenService {

    /** The actor name of a service account: it can never be a console username (those have no colon). */
    public static final String SERVICE_PREFIX = "service:";
    /** The longest a token may live. */
    public static final int MAX_DAYS = 365;
    /** The longest a rotated token may go on working next to its successor. */
    public static final Duration MAX_OVERLAP = Duration.ofDays(7);
    private static final Pattern ACCOUNT_NAME = Pattern.compile("[a-z][a-z0-9._-]{2,39}");

    private final ApiTokens tokens;
    private final ServiceAccounts accounts;
    private final TenantAccess access;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ApiTokenService(ApiTokens tokens, ServiceAccounts accounts, TenantAccess access, ApplicationEventPublisher events,
                    Clock clock) {
        this.tokens = tokens;
        this.accounts = accounts;
        this.access = access;
        this.events = events;
        this.clock = clock;
    }

    // ---- personal access tokens: the signed-in user's own

    /** Issues a token for the signed-in user, valid until the end of {@code expiresOn} (UTC), at most a year ahead. */
    @Transactional
    public NewApiToken createPersonal(String name, LocalDate expiresOn) {
        var user = person();
        var tokenName = DisplayText.name("name", "Name", name, 60);
        if (tokens.ofUser(user.username()).stream().anyMatch(t -> t.status() == ApiTokenSummary.Status.ACTIVE
                && t.name().equals(tokenName))) {
            throw new DuplicateValueException("name", "You already have an active token named '" + tokenName + "'.");
        }
        return tokens.issuePersonal(user.username(), tokenName, expiry(expiresOn), user.username());
    }

    public List<ApiTokenSummary> ownTokens() {
        return tokens.ofUser(person().username());
    }

    @Transactional
    public void revokeOwn(UUID token) {
        var user = person();
        if (!tokens.ofUser(user.username()).stream().anyMatch(t -> t.id().equals(token))) {
            throw new NotFoundException("You have no token " + token + ".");
        }
        tokens.revoke(token, user.username(), "revoked by its owner");
    }

    private CurrentUser person() {
        var user = access.current().filter(u -> u != CurrentUser.SYSTEM)
                .orElseThrow(() -> new AccessDeniedException("Sign in to manage your tokens."));
        if (user.username().startsWith(SERVICE_PREFIX)) {
            access.refuse(null, "manage personal access tokens as a service account");
        }
        return user;
    }

    // ---- service accounts: operators only

    public List<ServiceAccountSummary> serviceAccounts() {
        access.requireOperator("list service accounts");
        return accounts.list();
    }

    public ServiceAccountSummary serviceAccount(String name) {
        access.requireOperator("read a service account");
        return accounts.find(name).orElseThrow(() -> new NotFoundException("No service account '" + name + "'."));
    }

    @Transactional
    public ServiceAccountSummary createServiceAccount(String name, String description, Role role, TenantId tenant,
                                                      TenantSlug slug) {
        access.requireOperator("create a service account");
        var trimmed = name == null ? "" : name.trim();
        if (!ACCOUNT_NAME.matcher(trimmed).matches()) {
            throw new InvalidValueException("name", "Name must be 3 to 40 characters: lowercase letters, digits, "
                    + "'.', '_' or '-', starting with a letter.");
        }
        if (role == null) {
            throw new InvalidValueException("role", "Choose a role.");
        }
        if (role == Role.PARTNER_ADMIN && tenant == null) {
            throw new InvalidValueException("tenant", "A partner admin service account needs its tenant.");
        }
        if (role != Role.PARTNER_ADMIN && tenant != null) {
            throw new InvalidValueException("tenant", "Only a partner admin service account is bound to a tenant.");
        }
        var text = description == null || description.isBlank() ? null
                : DisplayText.name("description", "Description", description, 200);
        if (accounts.exists(trimmed)) {
            throw new DuplicateValueException("name", "A service account named '" + trimmed + "' already exists.");
        }
        var created = accounts.create(trimmed, text, role, tenant, slug, access.actorName());
        events.publishEvent(new ServiceAccountChanged(access.actorName(), trimmed, role, tenant, true));
        return created;
    }

    /** Deactivates the account and revokes all its tokens. */
    @Transactional
    public void deactivateServiceAccount(String name) {
        var account = serviceAccount(name);
        if (!account.active()) {
            return;
        }
        accounts.deactivate(name);
        tokens.revokeAllOfAccount(name, access.actorName());
        events.publishEvent(new ServiceAccountChanged(access.actorName(), name, account.role(), account.tenant(),
                false));
    }

    public List<ApiTokenSummary> serviceTokens(String account) {
        serviceAccount(account);
        return tokens.ofServiceAccount(account);
    }

    @Transactional
    public NewApiToken issueServiceToken(String account, String name, LocalDate expiresOn) {
        var summary = serviceAccount(account);
        if (!summary.active()) {
            throw new io.concierge.shared.ConflictException("Service account '" + account + "' is deactivated.");
        }
        return tokens.issueService(account, DisplayText.name("name", "Name", name, 60), expiry(expiresOn),
                access.actorName());
    }

    /**
     * Issues a successor of a service account's token: the new one works now, the old one goes on working for
     * {@code overlap} (at most {@link #MAX_OVERLAP}) so the automation can switch without an outage, then expires.
     */
    @Transactional
    public NewApiToken rotateServiceToken(String account, UUID token, LocalDate expiresOn, Duration overlap) {
        var old = serviceTokens(account).stream().filter(t -> t.id().equals(token)).findFirst()
                .orElseThrow(() -> new NotFoundException("Service account '" + account + "' has no token " + token + "."));
        if (old.status() != ApiTokenSummary.Status.ACTIVE) {
            throw new io.concierge.shared.ConflictException("Only an active token can be rotated; this one is "
                    + old.status().label().toLowerCase() + ".");
        }
        if (overlap == null || overlap.isNegative() || overlap.compareTo(MAX_OVERLAP) > 0) {
            throw new InvalidValueException("overlap", "The overlap must be between 0 and 7 days.");
        }
        var successor = issueServiceToken(account, old.name(), expiresOn);
        tokens.expireAt(token, clock.instant().plus(overlap), access.actorName());
        return successor;
    }

    @Transactional
    public void revokeServiceToken(String account, UUID token) {
        if (serviceTokens(account).stream().noneMatch(t -> t.id().equals(token))) {
            throw new NotFoundException("Service account '" + account + "' has no token " + token + ".");
        }
        tokens.revoke(token, access.actorName(), "revoked by an operator");
    }

    private Instant expiry(LocalDate expiresOn) {
        if (expiresOn == null) {
            throw new InvalidValueException("expiresOn", "Choose when the token expires (at most a year from today).");
        }
        var today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        if (!expiresOn.isAfter(today)) {
            throw new InvalidValueException("expiresOn", "The expiry date must be after today.");
        }
        if (expiresOn.isAfter(today.plusDays(MAX_DAYS))) {
            throw new InvalidValueException("expiresOn", "A token may live at most a year: choose "
                    + today.plusDays(MAX_DAYS) + " or earlier.");
        }
        return expiresOn.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
