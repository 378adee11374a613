package io.concierge.security.internal;

import io.concierge.security.ConsoleUserChanged;
import io.concierge.security.ConsoleUserChanged.Change;
import io.concierge.security.ConsoleUserSummary;
import io.concierge.security.CurrentUser;
import io.concierge.security.Role;
import io.concierge.shared.InvalidValueException;
import io.concierge.shared.TenantId;
import io.concierge.shared.TenantSlug;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.security.SecureRandom;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The writes behind {@link io.concierge.security.ConsoleUserService}; callers have been checked already. */
@Component
public class ConsoleUserAdministration {

    private static final Pattern USERNAME = Pattern.compile("[a-z][a-z0-9._-]{2,39}");
    private static final char[] PASSWORD_ALPHABET =
            "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ConsoleUserRepository users;
    private final PasswordEncoder encoder;
    private final ApplicationEventPublisher events;
    private final LoginAttempts attempts;
    private final PasswordPolicy policy;

    ConsoleUserAdministration(ConsoleUserRepository users, PasswordEncoder encoder, ApplicationEventPublisher events,
                              LoginAttempts attempts, PasswordPolicy policy) {
        this.users = users;
        this.encoder = encoder;
        this.events = events;
        this.attempts = attempts;
        this.policy = policy;
    }

    @Transactional(readOnly = true)
    public List<ConsoleUserSummary> list() {
        var paused = attempts.pausedUsernames();
        return users.findAllByOrderByUsernameAsc().stream()
                .map(u -> new ConsoleUserSummary(u.getUsername(), u.getRole(),
                        u.getTenantId() == null ? null : new TenantId(u.getTenantId()), u.getTenantSlug(),
                        u.isActive(), paused.contains(u.getUsername()), u.getLastLoginAt(), u.getCreatedAt(),
                        u.getManagedBy(), u.hasTotp()))
                .toList();
    }

    @Transactional(readOnly = true)
    public boolean anySignedIn(TenantId tenant) {
        return users.existsByTenantIdAndLastLoginAtIsNotNull(tenant.value());
    }

    @Transactional(readOnly = true)
    public long countTenantsWithSignedInAdmin() {
        return users.countTenantsWithSignedInUser();
    }

    @Transactional(readOnly = true)
    public Set<TenantId> tenantsWithSignedInAdmin(Collection<TenantId> tenants) {
        if (tenants.isEmpty()) {
            return Set.of();
        }
        return users.tenantsWithSignedInUser(tenants.stream().map(TenantId::value).toList()).stream()
                .map(TenantId::new).collect(Collectors.toUnmodifiableSet());
    }

    @Transactional(readOnly = true)
    public boolean isActive(String username) {
        return users.findByUsername(username).map(ConsoleUser::isActive).orElse(false);
    }

    @Transactional(readOnly = true)
    public boolean exists(String username) {
        return users.existsByUsername(username);
    }

    @Transactional(readOnly = true)
    public boolean operatorExists() {
        return users.existsByRoleAndActiveTrue(Role.OPERATOR);
    }

    /** Creates a user with a generated, temporary password, which is returned once. */
    @Transactional
    public String create(String username, Role role, TenantId tenant, TenantSlug slug, String actor) {
        var password = generatePassword();
        insert(username, password, true, role, tenant, slug, actor);
        return password;
    }

    @Transactional
    public void createWithPassword(String username, String password, Role role, TenantId tenant, TenantSlug slug,
                                   String actor) {
        insert(username, password, false, role, tenant, slug, actor);
    }

    private void insert(String username, String password, boolean temporary, Role role, TenantId tenant,
                        TenantSlug slug, String actor) {
        checkUsername(username);
        if (password == null || password.length() < 3) {
            throw new InvalidValueException("password", "Password is required.");
        }
        if (users.existsByUsername(username)) {
            throw new InvalidValueException("username", "User '" + username + "' already exists.");
        }
        try {
            var user = new ConsoleUser(username, encoder.encode(password), role,
                    tenant == null ? null : tenant.value(), slug == null ? null : slug.value());
            if (temporary) {
                user.setTemporaryPassword(user.getPasswordHash());
            }
            users.saveAndFlush(user);
        } catch (DataIntegrityViolationException e) {
            throw new InvalidValueException("username", "User '" + username + "' already exists.");
        }
        events.publishEvent(new ConsoleUserChanged(actor, username, role, tenant, Change.CREATED));
    }

    @Transactional
    public void setActive(String username, boolean active, String actor) {
        var user = find(username);
        user.setActive(active);
        events.publishEvent(new ConsoleUserChanged(actor, username, user.getRole(), tenantOf(user),
                active ? Change.ACTIVATED : Change.DEACTIVATED));
    }

    @Transactional
    public String resetPassword(String username, String actor) {
        var user = find(username);
        if (user.isManaged()) {
            throw new InvalidValueException("username", username + " signs in through provider '" + user.getManagedBy()
                    + "' and has no console password.");
        }
        var password = generatePassword();
        user.setTemporaryPassword(encoder.encode(password));
        attempts.forgive(username);
        events.publishEvent(new ConsoleUserChanged(actor, username, user.getRole(), tenantOf(user),
                Change.PASSWORD_RESET));
        return password;
    }

    /** The id of the single sign-on provider that manages this user; empty for a local account. */
    @Transactional(readOnly = true)
    public java.util.Optional<String> managedBy(String username) {
        return users.findByUsername(username).filter(ConsoleUser::isManaged).map(ConsoleUser::getManagedBy);
    }

    /** Whether the user signed in with a generated password and has not chosen their own yet. */
    @Transactional(readOnly = true)
    public boolean mustChangePassword(String username) {
        return users.findByUsername(username).map(ConsoleUser::isPasswordTemporary).orElse(false);
    }

    /**
     * The user replaces their own password: the current one proves it is them (a session left open is not
     * enough), the new one must pass the {@link PasswordPolicy}. Each refusal names its field.
     */
    @Transactional
    public void changeOwnPassword(String username, String currentPassword, String newPassword) {
        var user = find(username);
        if (currentPassword == null || !encoder.matches(currentPassword, user.getPasswordHash())) {
            throw new InvalidValueException("currentPassword", "This is not your current password.");
        }
        policy.check(username, newPassword);
        if (encoder.matches(newPassword, user.getPasswordHash())) {
            throw new InvalidValueException(PasswordPolicy.FIELD, "Choose a password different from the current one.");
        }
        user.setOwnPassword(encoder.encode(newPassword));
        events.publishEvent(new ConsoleUserChanged(username, username, user.getRole(), tenantOf(user),
                Change.PASSWORD_CHANGED));
    }

    private ConsoleUser find(String username) {
        return users.findByUsername(username)
                .orElseThrow(() -> new InvalidValueException("username", "No user '" + username + "'."));
    }

    private static TenantId tenantOf(ConsoleUser user) {
        return user.getTenantId() == null ? null : new TenantId(user.getTenantId());
    }

    /** Refuses a username the console would not create, with the message the user dialog shows. */
    public static void checkUsername(String username) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new InvalidValueException("username",
                    "Username must be 3-40 characters: lower-case letters, digits, '.', '_' or '-', starting with a letter.");
        }
        if (CurrentUser.isSystem(username)) {
            throw new InvalidValueException("username", "'" + username + "' is the name the audit log gives the "
                    + "console's own actions, so no account may have it. Choose another username.");
        }
    }

    private static String generatePassword() {
        var sb = new StringBuilder(16);
        for (int i = 0; i < 16; i++) {
            sb.append(PASSWORD_ALPHABET[RANDOM.nextInt(PASSWORD_ALPHABET.length)]);
        }
        return sb.toString();
    }
}
