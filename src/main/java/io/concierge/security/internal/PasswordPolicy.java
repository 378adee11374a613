package io.concierge.security.internal;

import io.concierge.shared.InvalidValueException;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a password a user chooses must be: at least {@value #MIN_LENGTH} characters (NIST SP 800-63B's advice:
 * length and a block list, no composition rules), not one of the common passwords shipped in
 * {@code security/common-passwords.txt}, and not built from the username. Each refusal names its reason.
 */
@Component
class PasswordPolicy {

    static final int MIN_LENGTH = 12;
    static final int MAX_LENGTH = 128;
    static final String FIELD = "newPassword";

    private final Set<String> common;

    PasswordPolicy() {
        try (var in = new ClassPathResource("security/common-passwords.txt").getInputStream()) {
            common = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .map(l -> l.toLowerCase(Locale.ROOT))
                    .collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException("the common-password list is missing from the build", e);
        }
    }

    void check(String username, String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            throw new InvalidValueException(FIELD, "Use at least " + MIN_LENGTH + " characters.");
        }
        if (password.length() > MAX_LENGTH) {
            throw new InvalidValueException(FIELD, "Use at most " + MAX_LENGTH + " characters.");
        }
        var lower = password.toLowerCase(Locale.ROOT);
        if (common.contains(lower)) {
            throw new InvalidValueException(FIELD, "This is one of the most common passwords; choose another.");
        }
        if (lower.chars().distinct().count() < 4) {
            throw new InvalidValueException(FIELD, "Use more than a few different characters.");
        }
        if (username != null && lower.contains(username.toLowerCase(Locale.ROOT))) {
            throw new InvalidValueException(FIELD, "Do not build the password from your username.");
        }
    }
}
