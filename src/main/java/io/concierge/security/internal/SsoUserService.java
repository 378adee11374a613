package io.concierge.security.internal;

import io.concierge.security.CurrentUser;
import io.concierge.security.LoginEvents.LoginSucceeded;
import io.concierge.security.SignInPausedException;
import io.concierge.security.TenantAccess;
import io.concierge.shared.TenantId;
import io.concierge.shared.TenantSlug;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;

/**
 * Turns a verified ID token (Spring Security has checked its signature, issuer, audience, expiry and nonce)
 * into a console user: the mapping rules decide the role, strictly; the managed user is created or updated;
 * the principal carries the same {@link CurrentUser} as a password sign-in would. Sign-in pauses hold as they do
 * for passwords (checked before the mapping), and every refusal counts through {@link LoginAttempts}.
 */
@Component
class SsoUserService implements OAuth2UserService<OidcUserRequest, OidcUser> {

    /** The refusal code of a sign-in that came while sign-in was paused (not counted again, as with passwords). */
    static final String PAUSED = "paused";

    private final OidcUserService delegate = new OidcUserService();
    private final OidcProviders providers;
    private final MappingRuleRepository rules;
    private final ManagedUsers managed;
    private final ApplicationEventPublisher events;
    private final LoginAttempts attempts;

    SsoUserService(OidcProviders providers, MappingRuleRepository rules, ManagedUsers managed,
                   ApplicationEventPublisher events, LoginAttempts attempts) {
        this.providers = providers;
        this.rules = rules;
        this.managed = managed;
        this.events = events;
        this.attempts = attempts;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        var oidc = delegate.loadUser(request);
        var provider = request.getClientRegistration().getRegistrationId();
        var config = providers.config(provider);
        var preferred = oidc.getClaims().get(config.usernameClaim()) instanceof String s ? s : null;
        var shownName = preferred != null ? preferred : oidc.getSubject();
        // the same pauses as the password path: of this name from this address, of the address, of everyone
        var paused = attempts.pausedUntil(shownName, TenantAccess.clientAddress());
        if (paused.isPresent()) {
            var why = "sign-in paused until " + paused.get();
            throw new OAuth2AuthenticationException(new OAuth2Error(PAUSED, why, null), why,
                    new SignInPausedException(paused.get()));
        }
        var outcome = MappingEvaluator.evaluate(provider, rules.findByProvider(provider), oidc.getClaims());
        if (!outcome.granted()) {
            throw refuse(shownName, provider, "unmapped", outcome.refusal());
        }
        ConsoleUser user;
        try {
            user = managed.signIn(provider, oidc.getSubject(), preferred, outcome);
        } catch (ManagedUsers.Refused e) {
            throw refuse(shownName, provider, e.code, e.getMessage());
        }
        var current = new CurrentUser(user.getUsername(), user.getRole(),
                user.getTenantId() == null ? null : new TenantId(user.getTenantId()),
                user.getTenantSlug() == null ? null : new TenantSlug(user.getTenantSlug()));
        events.publishEvent(new LoginSucceeded(user.getUsername(), user.getRole(), TenantAccess.clientAddress()));
        return new ConsoleOidcUser(current, oidc.getIdToken(), oidc.getUserInfo());
    }

    private OAuth2AuthenticationException refuse(String who, String provider, String code, String why) {
        attempts.recordFailure(who, TenantAccess.clientAddress(), "single sign-on via " + provider + " refused: " + why);
        return new OAuth2AuthenticationException(new OAuth2Error(code, why, null), why);
    }
}
