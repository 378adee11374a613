package io.concierge.security.internal;

import io.concierge.security.ApiTokenEvents.TokenIssued;
import io.concierge.security.ApiTokenEvents.TokenRefused;
import io.concierge.security.ApiTokenEvents.TokenRevoked;
import io.concierge.security.ApiTokenService;
import io.concierge.security.ApiTokenSummary;
import io.concierge.security.CurrentUser;
import io.concierge.security.NewApiToken;
import io.concierge.security.Role;
import io.concierge.shared.TenantId;
import io.concierge.shared.TenantSlug;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Issues, checks and revokes API tokens. A token is {@code cnc_pat_<id>_<secret>} (personal) or
 * {@code cnc_sa_<id>_<secret>} (service account): a fixed prefix for secret scanners, a 12-character public id
 * found by an index, and a 40-character secret (base62, 238 bits) of which only the SHA-256 is stored. The secret
 * is compared in constant time; an unknown id costs the same hash and comparison. Callers are checked already.
 */
@Component
public class ApiTokens {

    static final String PERSONAL_PREFIX = "cnc_pat_";
    static final String SERVICE_PREFIX = "cnc_sa_";
    private static final Pattern FORMAT = Pattern.compile("cnc_(pat|sa)_([A-Za-z0-9]{12})_([A-Za-z0-9]{40})");
    private static final char[] BASE62 =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String NO_HASH = sha256("no token has this secret");
    /** A token's last use is written at most this often (and whenever the address changes). */
    private static final Duration LAST_USED_GRANULARITY = Duration.ofMinutes(1);

    private final ApiTokenRepository tokens;
    private final ConsoleUserRepository users;
    private final ServiceAccountRepository accounts;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Duration refusalWindow;

    ApiTokens(ApiTokenRepository tokens, ConsoleUserRepository users, ServiceAccountRepository accounts,
              ApplicationEventPublisher events, Clock clock, SecurityProperties security) {
        this.refusalWindow = security.lockout().duration();
        this.tokens = tokens;
        this.users = users;
        this.accounts = accounts;
        this.events = events;
        this.clock = clock;
    }

    /** Who a presented token acts as, or why it is refused (for the 401 problem). */
    sealed interface Check {
        record Valid(ApiTokenPrincipal principal) implements Check {
        }

        record Refused(String reason) implements Check {
        }
    }

    /**
     * A token whose secret matches but that no longer works is refused and, like a failed sign-in, audited: the
     * first use per token and reason within the sign-in window ({@code concierge.security.lockout.duration}), so
     * a script that keeps calling with a revoked token cannot flood the audit history.
     */
    @Transactional
    public Check authenticate(String presented, String address) {
        var matcher = FORMAT.matcher(presented == null ? "" : presented.trim());
        var found = matcher.matches() ? tokens.findByLookupId(matcher.group(2)) : Optional.<ApiToken>empty();
        var expected = found.map(ApiToken::getSecretHash).orElse(NO_HASH);
        var matches = MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                sha256(presented == null ? "" : presented.trim()).getBytes(StandardCharsets.US_ASCII));
        if (found.isEmpty() || !matches) {
            return new Check.Refused("The token is not valid.");
        }
        var token = found.get();
        var now = clock.instant();
        if (token.getRevokedAt() != null) {
            return refused(token, "revoked", "The token was revoked.", address, now);
        }
        if (!token.usable(now)) {
            return refused(token, "expired", "The token has expired.", address, now);
        }
        var user = actingUser(token);
        if (user.isEmpty()) {
            return refused(token, "owner deactivated", "The token's owner is deactivated.", address, now);
        }
        if (token.getLastUsedAt() == null || !address.equals(token.getLastUsedAddress())
                || token.getLastUsedAt().plus(LAST_USED_GRANULARITY).isBefore(now)) {
            token.used(now, address);
        }
        return new Check.Valid(new ApiTokenPrincipal(user.get(), token.getId(), owner(token)));
    }

    private Check refused(ApiToken token, String reason, String message, String address, Instant now) {
        if (tokens.openRefusalWindow(token.getId(), reason, now, now.minus(refusalWindow)) == 1) {
            var holder = holder(token);
            events.publishEvent(new TokenRefused(token.getId(), token.getName(), owner(token), holder.role(),
                    holder.tenant(), reason, address, refusalWindow));
        }
        return new Check.Refused(message);
    }

    private Optional<CurrentUser> actingUser(ApiToken token) {
        if (token.getKind() == ApiToken.Kind.PERSONAL) {
            return users.findById(token.getUserId()).filter(ConsoleUser::isActive)
                    .map(u -> new CurrentUser(u.getUsername(), u.getRole(),
                            u.getTenantId() == null ? null : new TenantId(u.getTenantId()),
                            u.getTenantSlug() == null ? null : new TenantSlug(u.getTenantSlug())));
        }
        return accounts.findById(token.getServiceAccountId()).filter(ServiceAccount::isActive)
                .map(a -> new CurrentUser(ApiTokenService.SERVICE_PREFIX + a.getName(), a.getRole(),
                        a.getTenantId() == null ? null : new TenantId(a.getTenantId()),
                        a.getTenantSlug() == null ? null : new TenantSlug(a.getTenantSlug())));
    }

    @Transactional
    public NewApiToken issuePersonal(String username, String name, Instant expiresAt, String actor) {
        var user = users.findByUsername(username).orElseThrow();
        return issue(ApiToken.Kind.PERSONAL, user.getId(), name, expiresAt, actor, username, user.getRole(),
                user.getTenantId());
    }

    @Transactional
    public NewApiToken issueService(String account, String name, Instant expiresAt, String actor) {
        var sa = accounts.findByName(account).orElseThrow();
        return issue(ApiToken.Kind.SERVICE, sa.getId(), name, expiresAt, actor,
                ApiTokenService.SERVICE_PREFIX + sa.getName(), sa.getRole(), sa.getTenantId());
    }

    /** Seeds a token with a fixed secret (the demo profile only, so its README can print it). */
    @Transactional
    public void seed(String owner, boolean service, String name, String token, Instant expiresAt) {
        if (!users.existsByUsername(owner) && !service) {
            return;
        }
        var matcher = FORMAT.matcher(token);
        if (!matcher.matches() || tokens.findByLookupId(matcher.group(2)).isPresent()) {
            return;
        }
        var ownerId = service ? accounts.findByName(owner).orElseThrow().getId()
                : users.findByUsername(owner).orElseThrow().getId();
        tokens.save(new ApiToken(service ? ApiToken.Kind.SERVICE : ApiToken.Kind.PERSONAL, ownerId, name,
                matcher.group(2), sha256(token), "demo", clock.instant(), expiresAt));
    }

    private NewApiToken issue(ApiToken.Kind kind, UUID owner, String name, Instant expiresAt, String actor,
                              String ownerName, Role role, UUID tenant) {
        var lookup = random(12);
        var secret = (kind == ApiToken.Kind.PERSONAL ? PERSONAL_PREFIX : SERVICE_PREFIX) + lookup + "_" + random(40);
        var token = tokens.save(new ApiToken(kind, owner, name, lookup, sha256(secret), actor, clock.instant(),
                expiresAt));
        events.publishEvent(new TokenIssued(actor, token.getId(), name, ownerName, role,
                tenant == null ? null : new TenantId(tenant), expiresAt));
        return new NewApiToken(summary(token), secret);
    }

    @Transactional(readOnly = true)
    public List<ApiTokenSummary> ofUser(String username) {
        return users.findByUsername(username).map(u -> tokens.findByUserIdOrderByCreatedAtDesc(u.getId()))
                .orElse(List.of()).stream().map(this::summary).toList();
    }

    @Transactional(readOnly = true)
    public List<ApiTokenSummary> ofServiceAccount(String account) {
        return accounts.findByName(account).map(a -> tokens.findByServiceAccountIdOrderByCreatedAtDesc(a.getId()))
                .orElse(List.of()).stream().map(this::summary).toList();
    }

    /** The owner of a token ({@code service:<name>} for a service account's), if the token exists. */
    @Transactional(readOnly = true)
    public Optional<String> ownerOf(UUID id) {
        return tokens.findById(id).map(this::owner);
    }

    @Transactional
    public void revoke(UUID id, String actor, String reason) {
        var token = tokens.findById(id).orElseThrow();
        if (token.getRevokedAt() != null) {
            return;
        }
        token.revoke(actor, clock.instant());
        published(token, actor, reason);
    }

    /** Lets a rotated token work until {@code until} (the overlap), then it expires. */
    @Transactional
    public void expireAt(UUID id, Instant until, String actor) {
        var token = tokens.findById(id).orElseThrow();
        token.expireBy(until);
        published(token, actor, "rotated: works until " + token.getExpiresAt());
    }

    /** Revokes every token of the user (a deactivated user's tokens die with their sessions). */
    @Transactional
    public int revokeAllOf(String username, String actor) {
        var revoked = 0;
        for (var token : users.findByUsername(username).map(u -> tokens.findByUserIdOrderByCreatedAtDesc(u.getId()))
                .orElse(List.of())) {
            if (token.getRevokedAt() == null) {
                token.revoke(actor, clock.instant());
                published(token, actor, "the owner was deactivated");
                revoked++;
            }
        }
        return revoked;
    }

    /** Revokes every token of the service account. */
    @Transactional
    public void revokeAllOfAccount(String account, String actor) {
        accounts.findByName(account).ifPresent(a -> tokens.findByServiceAccountIdOrderByCreatedAtDesc(a.getId())
                .stream().filter(t -> t.getRevokedAt() == null).forEach(t -> {
                    t.revoke(actor, clock.instant());
                    published(t, actor, "the service account was deactivated");
                }));
    }

    private void published(ApiToken token, String actor, String reason) {
        var holder = holder(token);
        events.publishEvent(new TokenRevoked(actor, token.getId(), token.getName(), owner(token), holder.role(),
                holder.tenant(), reason));
    }

    /** The role and tenant of the token's owner, whether or not the owner is still active. */
    private Holder holder(ApiToken token) {
        Role role;
        UUID tenant;
        if (token.getKind() == ApiToken.Kind.PERSONAL) {
            var user = users.findById(token.getUserId()).orElseThrow();
            role = user.getRole();
            tenant = user.getTenantId();
        } else {
            var account = accounts.findById(token.getServiceAccountId()).orElseThrow();
            role = account.getRole();
            tenant = account.getTenantId();
        }
        return new Holder(role, tenant == null ? null : new TenantId(tenant));
    }

    private record Holder(Role role, TenantId tenant) {
    }

    private String owner(ApiToken token) {
        if (token.getKind() == ApiToken.Kind.PERSONAL) {
            return users.findById(token.getUserId()).map(ConsoleUser::getUsername).orElse("?");
        }
        return accounts.findById(token.getServiceAccountId())
                .map(a -> ApiTokenService.SERVICE_PREFIX + a.getName()).orElse("?");
    }

    private ApiTokenSummary summary(ApiToken token) {
        var now = clock.instant();
        var status = token.getRevokedAt() != null ? ApiTokenSummary.Status.REVOKED
                : token.usable(now) ? ApiTokenSummary.Status.ACTIVE : ApiTokenSummary.Status.EXPIRED;
        var prefix = token.getKind() == ApiToken.Kind.PERSONAL ? PERSONAL_PREFIX : SERVICE_PREFIX;
        return new ApiTokenSummary(token.getId(), token.getName(), prefix + token.getLookupId(), owner(token),
                token.getCreatedAt(), token.getExpiresAt(), token.getLastUsedAt(), token.getLastUsedAddress(),
                token.getRevokedAt(), status);
    }

    private static String random(int length) {
        var chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = BASE62[RANDOM.nextInt(BASE62.length)];
        }
        return new String(chars);
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
