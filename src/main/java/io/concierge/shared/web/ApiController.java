package io.concierge.shared.web;

import org.springframework.web.bind.annotation.RestController;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A controller of the {@code /api/v1} API. Its errors are answered as RFC 9457 problem details by
 * {@link ApiProblems}, the one mapping of the console's exceptions to statuses. Controllers live in their module's
 * {@code web} package and call the same public services as the views.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@RestController
public @interface ApiController {

    /** Every path of the API starts here. */
    String BASE = "/api/v1";
}
