package io.concierge.access;

/** One platform scope, named {@code resource:action}, as the catalogue describes it. */
public record Permission(String scope, String group, String description) {
}
