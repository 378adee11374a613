package io.concierge.security;

import io.concierge.security.internal.SecondFactors;
import io.concierge.security.internal.SecondFactors.Enrolment;
import io.concierge.security.internal.SecondFactors.Status;
import io.concierge.shared.InvalidValueException;
import org.springframework.stereotype.Service;

import java.util.List;

/**
 * A local account's second factor (TOTP, RFC 6238) and its recovery codes. Users manage their own; an operator
 * can only reset someone else's (for a lost phone), which is audited.
 */
@Service
public class TwoFactorService {

    private final SecondFactors factors;
    private final TenantAccess access;

    TwoFactorService(SecondFactors factors, TenantAccess access) {
        this.factors = factors;
        this.access = access;
    }

    public Status myStatus() {
        return factors.status(me());
    }

    /** A new secret and its QR code; nothing is saved until {@link #confirm} proves the app has it. */
    public Enrolment start() {
        me();
        return factors.start(access.actorName());
    }

    /** Turns the second factor on; returns ten recovery codes, shown this once. */
    public List<String> confirm(String secret, String code) {
        return factors.confirm(me(), secret, code, access.actorName());
    }

    public List<String> renewRecoveryCodes() {
        return factors.renewRecoveryCodes(me());
    }

    /** An operator resets another user's second factor; they enrol again at their next sign-in or on their page. */
    public void reset(String username) {
        access.requireOperator("reset a second factor");
        factors.reset(username, access.actorName());
    }

    private String me() {
        return access.current().map(CurrentUser::username)
                .orElseThrow(() -> new InvalidValueException("Sign in first."));
    }
}
