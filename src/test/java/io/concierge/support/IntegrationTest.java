package io.concierge.support;

import io.concierge.security.Actors;
import io.concierge.security.CurrentUser;
import io.concierge.security.Role;
import io.concierge.shared.TenantId;
import io.concierge.shared.TenantSlug;
import org.junit.jupiter.api.AfterEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.UUID;

/**
 * Base of tests that run the whole application against the real PostgreSQL and Redis. All such tests share
 * one Spring context (same configuration), so the suite starts the application once.
 */
@SpringBootTest
public abstract class IntegrationTest {

    protected static final CurrentUser OPERATOR = new CurrentUser("ops", Role.OPERATOR, null, null);
    protected static final CurrentUser AUDITOR = new CurrentUser("auditor", Role.AUDITOR, null, null);

    /** A slug no other test (or earlier run against the same database) uses. */
    protected static String uniqueSlug(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    protected static CurrentUser partnerAdmin(TenantId tenant, TenantSlug slug) {
        return new CurrentUser(slug.value() + "-admin", Role.PARTNER_ADMIN, tenant, slug);
    }

    /** Acts as the given user for the rest of the test. */
    protected static void signIn(CurrentUser user) {
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(Actors.authentication(user));
        SecurityContextHolder.setContext(context);
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }
}
