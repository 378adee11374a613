package io.concierge.security.internal;

import io.concierge.security.ConsoleUserChanged;
import io.concierge.security.ConsoleUserChanged.Change;
import io.concierge.security.ConsoleUserSummary;
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
import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;

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
    private final Clock clock;

    ConsoleUserAdministration(ConsoleUserRepository users, PasswordEncoder encoder, ApplicationEventPublisher events,
                              Clock clock) {
        this.users = users;
        this.encoder = encoder;
        this.events = events;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<ConsoleUserSummary> list() {
        var now = clock.instant();
        return users.findAllByOrderByUsernameAsc().stream()
                .map(u -> new ConsoleUserSummary(u.getUsername(), u.getRole(),
                        u.getTenantId() == null ? null : new TenantId(u.getTenantId()), u.getTenantSlug(),
                        u.isActive(), u.isLocked(now), u.getLastLoginAt(), u.getCreatedAt(), u.getManagedBy(),
                        u.hasTotp()))
                .toList();
    }

    @Transactional(readOnly = true)
    public boolean anySignedIn(TenantId tenant) {
        return users.existsByTenantIdAndLastLoginAtIsNotNull(tenant.value());
    }

    @Transactional(readOnly = true)
    public boolean exists(String username) {
        return users.existsByUsername(username);
    }

    @Transactional(readOnly = true)
    public boolean operatorExists() {
        return users.existsByRoleAndActiveTrue(Role.OPERATOR);
    }

    /** Creates a user with a generated password, which is returned once. */
    @Transactional
    public String create(String username, Role role, TenantId tenant, TenantSlug slug, String actor) {
        var password = generatePassword();
        createWithPassword(username, password, role, tenant, slug, actor);
        return password;
    }

    @Transactional
    public void createWithPassword(String username, String password, Role role, TenantId tenant, TenantSlug slug,
                                   String actor) {
        checkUsername(username);
        if (password == null || password.length() < 3) {
            throw new InvalidValueException("password", "Password is required.");
        }
        if (users.existsByUsername(username)) {
            throw new InvalidValueException("username", "User '" + username + "' already exists.");
        }
        try {
            users.saveAndFlush(new ConsoleUser(username, encoder.encode(password), role,
                    tenant == null ? null : tenant.value(), slug == null ? null : slug.value()));
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
        user.changePassword(encoder.encode(password));
        events.publishEvent(new ConsoleUserChanged(actor, username, user.getRole(), tenantOf(user),
                Change.PASSWORD_RESET));
        return password;
    }

    private ConsoleUser find(String username) {
        return users.findByUsername(username)
                .orElseThrow(() -> new InvalidValueException("username", "No user '" + username + "'."));
    }

    private static TenantId tenantOf(ConsoleUser user) {
        return user.getTenantId() == null ? null : new TenantId(user.getTenantId());
    }

    private static void checkUsername(String username) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new InvalidValueException("username",
                    "Username must be 3-40 characters: lower-case letters, digits, '.', '_' or '-', starting with a letter.");
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
