package io.concierge.shared.web;

/** A write came without {@code If-Match}: the API never overwrites blindly (428). */
public class PreconditionRequiredException extends RuntimeException {

    public PreconditionRequiredException(String message) {
        super(message);
    }
}
