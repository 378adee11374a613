package io.concierge.security;

import org.springframework.security.core.AuthenticationException;

/**
 * Sign-in with a password refused because password sign-in is switched off for everyone but the break-glass
 * accounts. Thrown alike for every other name, existing or not, after the same password check, so it tells
 * nothing about which names exist.
 */
public class PasswordSignInOffException extends AuthenticationException {

    public PasswordSignInOffException() {
        super("Password sign-in is switched off; sign in with your identity provider.");
    }
}
