package io.concierge.security;

import io.concierge.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.config.annotation.authentication.configuration.AuthenticationConfiguration;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static io.concierge.security.SignInPauseTests.attempt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every refusal costs one password-hash verification, so none answers faster than a wrong password: an unknown
 * username, a wrong password, a paused username (existing or not) and a deactivated account. Counted through the
 * console's own password encoder, wrapped; timing itself is left to the benchmark harness.
 */
@Import(SignInTimingTests.CountingEncoder.class)
class SignInTimingTests extends IntegrationTest {

    static final AtomicInteger VERIFICATIONS = new AtomicInteger();

    @TestConfiguration
    static class CountingEncoder {
        @Bean
        static BeanPostProcessor countPasswordVerifications() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    if (!(bean instanceof PasswordEncoder encoder)) {
                        return bean;
                    }
                    return new PasswordEncoder() {
                        @Override
                        public String encode(CharSequence raw) {
                            return encoder.encode(raw);
                        }

                        @Override
                        public boolean matches(CharSequence raw, String encoded) {
                            VERIFICATIONS.incrementAndGet();
                            return encoder.matches(raw, encoded);
                        }

                        @Override
                        public boolean upgradeEncoding(String encoded) {
                            return encoder.upgradeEncoding(encoded);
                        }
                    };
                }
            };
        }
    }

    @Autowired
    ConsoleUserService users;
    @Autowired
    AuthenticationConfiguration authentication;

    private String address;

    @BeforeEach
    void freshAddress() {
        var r = ThreadLocalRandom.current();
        address = "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(1, 255);
    }

    @Test
    void an_unknown_username_costs_one_hash_verification() throws Exception {
        assertThat(verificationsOf(() -> manager().authenticate(attempt("nobody" + uniqueSlug("n"), "pw", address)),
                BadCredentialsException.class)).isEqualTo(1);
    }

    @Test
    void a_wrong_password_costs_one_hash_verification() throws Exception {
        var user = newUser();
        assertThat(verificationsOf(() -> manager().authenticate(attempt(user, "wrong", address)),
                BadCredentialsException.class)).isEqualTo(1);
    }

    @Test
    void a_paused_username_costs_one_hash_verification_whether_it_exists_or_not() throws Exception {
        var user = newUser();
        var ghost = "ghost" + uniqueSlug("g").substring(2);
        for (var name : new String[] {user, ghost}) {
            for (int i = 0; i < 5; i++) {
                assertThatThrownBy(() -> manager().authenticate(attempt(name, "wrong", address)))
                        .isInstanceOf(BadCredentialsException.class);
            }
            assertThat(verificationsOf(() -> manager().authenticate(attempt(name, "right-password", address)),
                    SignInPausedException.class)).as(name).isEqualTo(1);
        }
    }

    @Test
    void a_deactivated_account_costs_one_hash_verification() throws Exception {
        var user = newUser();
        signIn(OPERATOR);
        users.deactivate(user);
        assertThat(verificationsOf(() -> manager().authenticate(attempt(user, "right-password", address)),
                DisabledException.class)).isEqualTo(1);
    }

    private int verificationsOf(ThrowingCall call, Class<? extends Exception> refusal) {
        var before = VERIFICATIONS.get();
        assertThatThrownBy(call::run).isInstanceOf(refusal);
        return VERIFICATIONS.get() - before;
    }

    private interface ThrowingCall {
        void run() throws Exception;
    }

    private AuthenticationManager manager() throws Exception {
        return authentication.getAuthenticationManager();
    }

    private String newUser() {
        var username = "timing" + uniqueSlug("t").substring(2).replace("_", "");
        signIn(OPERATOR);
        users.createWithPassword(username, "right-password", Role.AUDITOR, null, null);
        return username;
    }
}
