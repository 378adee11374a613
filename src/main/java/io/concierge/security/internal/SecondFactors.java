package io.concierge.security.internal;

import io.concierge.security.IdentityEvents.SecondFactorChanged;
import io.concierge.security.Role;
import io.concierge.shared.InvalidValueException;
import io.concierge.shared.TenantId;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The writes behind {@link io.concierge.security.TwoFactorService} and the code step of sign-in; callers have
 * been checked already.
 */
@Component
public class SecondFactors {

    static final int RECOVERY_CODES = 10;
    private static final char[] CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ConsoleUserRepository users;
    private final RecoveryCodeRepository codes;
    private final IdentityProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TotpSecretCipher cipher;

    SecondFactors(ConsoleUserRepository users, RecoveryCodeRepository codes, IdentityProperties properties,
                  ApplicationEventPublisher events, Clock clock, TotpSecretCipher cipher) {
        this.cipher = cipher;
        this.users = users;
        this.codes = codes;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
    }

    /** A secret not yet saved, with what the authenticator app needs to take it. */
    public record Enrolment(String secret, String uri, String qrDataUrl) {
    }

    public record Status(boolean enrolled, Instant enrolledAt, long recoveryCodesLeft, boolean required,
                         boolean managed) {
    }

    @Transactional(readOnly = true)
    public Status status(String username) {
        var user = find(username);
        return new Status(user.hasTotp(), user.getTotpEnrolledAt(), codes.countUnused(user.getId()),
                required(user.getRole()), user.isManaged());
    }

    public boolean required(Role role) {
        return properties.twoFactor().requiredRoles().contains(role);
    }

    public Enrolment start(String username) {
        var secret = Totp.newSecret();
        var uri = Totp.uri(properties.twoFactor().issuer(), username, secret);
        return new Enrolment(secret, uri, QrCode.svgDataUrl(uri));
    }

    /** Saves the secret once the user proved their app has it; returns the recovery codes, shown once. */
    @Transactional
    public List<String> confirm(String username, String secret, String code, String actor) {
        var user = find(username);
        if (user.isManaged()) {
            throw new InvalidValueException("code", "Your identity provider handles your second factor.");
        }
        if (user.hasTotp()) {
            throw new InvalidValueException("code", "A second factor is already set up; reset it first.");
        }
        var step = Totp.verify(secret, code, clock.instant(), Long.MIN_VALUE);
        if (step.isEmpty()) {
            throw new InvalidValueException("code",
                    "That code does not match. Check the time on your phone and enter the code shown now.");
        }
        user.enrolTotp(cipher.seal(user.getId(), secret), step.getAsLong(), clock.instant());
        var recovery = newRecoveryCodes(user);
        events.publishEvent(new SecondFactorChanged(actor, username, user.getRole(), tenantOf(user),
                SecondFactorChanged.Change.ENROLLED));
        return recovery;
    }

    @Transactional
    public List<String> renewRecoveryCodes(String username) {
        var user = find(username);
        if (!user.hasTotp()) {
            throw new InvalidValueException("Set up a second factor first.");
        }
        var recovery = newRecoveryCodes(user);
        events.publishEvent(new SecondFactorChanged(username, username, user.getRole(), tenantOf(user),
                SecondFactorChanged.Change.RECOVERY_CODES_RENEWED));
        return recovery;
    }

    @Transactional
    public void reset(String username, String actor) {
        var user = find(username);
        if (!user.hasTotp()) {
            throw new InvalidValueException("username", username + " has no second factor to reset.");
        }
        user.resetTotp();
        codes.deleteAllOf(user.getId());
        events.publishEvent(new SecondFactorChanged(actor, username, user.getRole(), tenantOf(user),
                SecondFactorChanged.Change.RESET));
    }

    /**
     * Checks a code typed at sign-in: a TOTP code newer than the last one used, or an unused recovery code.
     * Either is then spent. A secret not sealed under the current key is sealed again on the way.
     */
    @Transactional
    public boolean verify(String username, String code) {
        var user = find(username);
        if (!user.hasTotp() || code == null) {
            return false;
        }
        var secret = cipher.open(user.getId(), user.getTotpSecret());
        if (!secret.current()) {
            user.sealTotpSecret(cipher.seal(user.getId(), secret.secret()));
        }
        var step = Totp.verify(secret.secret(), code, clock.instant(), user.getTotpLastStep());
        if (step.isPresent()) {
            user.useTotpStep(step.getAsLong());
            return true;
        }
        var recovery = codes.findById(new RecoveryCode.Key(user.getId(), hash(normalise(code))));
        if (recovery.isPresent() && !recovery.get().isUsed()) {
            recovery.get().use(clock.instant());
            return true;
        }
        return false;
    }

    private List<String> newRecoveryCodes(ConsoleUser user) {
        codes.deleteAllOf(user.getId());
        codes.flush();
        var plain = new ArrayList<String>();
        for (int i = 0; i < RECOVERY_CODES; i++) {
            var sb = new StringBuilder();
            for (int c = 0; c < 10; c++) {
                if (c == 5) {
                    sb.append('-');
                }
                sb.append(CODE_ALPHABET[RANDOM.nextInt(CODE_ALPHABET.length)]);
            }
            plain.add(sb.toString());
            codes.save(new RecoveryCode(user.getId(), hash(normalise(sb.toString()))));
        }
        return plain;
    }

    private static String normalise(String code) {
        return code.trim().toLowerCase().replace("-", "").replace(" ", "");
    }

    private static String hash(String code) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private ConsoleUser find(String username) {
        return users.findByUsername(username)
                .orElseThrow(() -> new InvalidValueException("username", "No user '" + username + "'."));
    }

    private static TenantId tenantOf(ConsoleUser user) {
        return user.getTenantId() == null ? null : new TenantId(user.getTenantId());
    }
}
