package io.concierge.provisioning;

import org.springframework.test.context.TestPropertySource;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the application with a changelog that has one release more than the real one (1.2.0, test-only), and a
 * template of its own, so tests can upgrade tenants. Test classes with this annotation share one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@TestPropertySource(properties = {
        "concierge.provisioning.changelog=provisioning-next/changelog-master.xml",
        "concierge.provisioning.template-schema=tenant_template_next"})
public @interface NextRelease {
}
