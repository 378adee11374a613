package io.concierge.tenant;

/**
 * Registers a tenant whose first configuration versions are taken from somewhere: another tenant ("create like
 * globex") or a configuration bundle. The bundles module implements it (it may be absent: the create dialog then
 * offers only the defaults); the tenant itself is still registered by {@link TenantService#register}, so
 * provisioning stays one path. Both refuse an unknown tenant or an invalid bundle with InvalidValueException
 * before anything is written.
 */
public interface StartingConfiguration {

    /** As {@link TenantService#register}, the new tenant's areas starting as {@code likeSlug}'s are now. */
    TenantRegistration registerLike(NewTenant request, String likeSlug);

    /** As {@link TenantService#register}, the new tenant's areas starting as the bundle document says. */
    TenantRegistration registerFromBundle(NewTenant request, String fileName, String bundleJson);
}
