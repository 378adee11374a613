package io.concierge.access;

/** One platform scope, named {@code resource:action}, as the catalogue describes it. */
public record Permission(String scope, String group, String description) {

    /** The resource part: {@code orders} of {@code orders:cancel}. */
    public String resource() {
        return scope.substring(0, scope.indexOf(':'));
    }
}
