package io.concierge.security.internal;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/** Checks the management (scrape) credentials from configuration, in constant time. */
class ScrapeAuthenticationProvider implements AuthenticationProvider {

    private final SecurityProperties.Management credentials;

    ScrapeAuthenticationProvider(SecurityProperties.Management credentials) {
        this.credentials = credentials;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        if (credentials.username() == null || credentials.username().isBlank()
                || credentials.password() == null || credentials.password().isBlank()) {
            throw new BadCredentialsException("management credentials are not configured");
        }
        var user = String.valueOf(authentication.getPrincipal());
        var password = String.valueOf(authentication.getCredentials());
        if (!equal(user, credentials.username()) | !equal(password, credentials.password())) {
            throw new BadCredentialsException("bad management credentials");
        }
        return UsernamePasswordAuthenticationToken.authenticated(user, null,
                List.of(new SimpleGrantedAuthority("ROLE_MANAGEMENT")));
    }

    private static boolean equal(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
