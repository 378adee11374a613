package io.concierge.shared.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code Idempotency-Key} for every POST of the API, with Stripe's semantics: the key is the caller's own (two
 * callers never see each other's), the first request's response (status, body, Location, ETag) is stored for at
 * least 24 hours and a retry with the same key gets it again with {@code Idempotent-Replayed: true}; the same key
 * with another method, path or body is 422, and a retry while the first request still runs is 409. A first
 * request that ends in a server error or a rate limit is forgotten, so a retry runs it again.
 *
 * <p>Runs after the security filter chain, so the caller is known; requests the chain refused never get here.
 */
@Component
class IdempotencyFilter extends OncePerRequestFilter {

    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");

    private final IdempotencyKeys keys;

    IdempotencyFilter(IdempotencyKeys keys) {
        this.keys = keys;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null
                || !request.getRequestURI().startsWith(request.getContextPath() + ApiController.BASE + "/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken) {
            chain.doFilter(request, response);
            return;
        }
        var key = request.getHeader(HEADER);
        if (!KEY.matcher(key).matches()) {
            Problems.write(response, Problems.invalid(HEADER, "Idempotency-Key must be 1 to 255 visible ASCII "
                    + "characters, such as a UUID."), Map.of());
            return;
        }
        var body = request.getInputStream().readAllBytes();
        var caller = auth.getName();
        var fingerprint = fingerprint(request, body);
        var stored = keys.claim(caller, key, fingerprint);
        if (stored.isPresent()) {
            var previous = stored.get();
            if (!previous.fingerprint().equals(fingerprint)) {
                Problems.write(response, Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, "idempotency-key-reused",
                        "Idempotency-Key '" + key + "' was used for a different request (another path or body). "
                                + "Use a new key for a new request."), Map.of());
            } else if (previous.running()) {
                Problems.write(response, Problems.of(HttpStatus.CONFLICT, "idempotency-key-in-use",
                        "The first request with Idempotency-Key '" + key + "' is still running; retry later."),
                        Map.of(HttpHeaders.RETRY_AFTER, "1"));
            } else {
                replay(previous, response);
            }
            return;
        }
        var wrapped = new ContentCachingResponseWrapper(response);
        var completed = false;
        try {
            chain.doFilter(new CachedBodyRequest(request, body), wrapped);
            var status = wrapped.getStatus();
            if (status >= 500 || status == 429 || status == 401) {
                keys.release(caller, key);
            } else {
                keys.complete(caller, key, status, wrapped.getContentType(), wrapped.getHeader(HttpHeaders.LOCATION),
                        wrapped.getHeader(HttpHeaders.ETAG), wrapped.getContentAsByteArray());
            }
            completed = true;
        } finally {
            if (!completed) {
                keys.release(caller, key);
            }
            wrapped.copyBodyToResponse();
        }
    }

    private static void replay(IdempotencyKeys.Stored stored, HttpServletResponse response) throws IOException {
        response.setStatus(stored.status());
        response.setHeader(REPLAYED, "true");
        if (stored.contentType() != null) {
            response.setContentType(stored.contentType());
        }
        if (stored.location() != null) {
            response.setHeader(HttpHeaders.LOCATION, stored.location());
        }
        if (stored.etag() != null) {
            response.setHeader(HttpHeaders.ETAG, stored.etag());
        }
        if (stored.body() != null) {
            response.getOutputStream().write(stored.body());
        }
    }

    private static String fingerprint(HttpServletRequest request, byte[] body) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            digest.update((request.getMethod() + " " + request.getRequestURI() + "?"
                    + (request.getQueryString() == null ? "" : request.getQueryString()) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            digest.update(body);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The request with its body read once for the fingerprint and served again to the controller. */
    private static final class CachedBodyRequest extends HttpServletRequestWrapper {
        private final byte[] body;

        CachedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            var in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() {
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }
    }
}
