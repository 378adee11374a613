package io.concierge.shared.web;

import io.concierge.shared.ConflictException;
import io.concierge.shared.DuplicateValueException;
import io.concierge.shared.InvalidValueException;
import io.concierge.shared.NotFoundException;
import io.concierge.shared.StaleVersionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.lang.NonNull;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one mapping of the console's exceptions to RFC 9457 problems for every {@link ApiController}:
 * bad input 400 (with the field and the UI's message), refusals 403, unknown (or not the caller's to know) 404,
 * conflicts 409, stale versions 412 (with who saved since), a write without {@code If-Match} 428. Spring MVC's
 * own exceptions (unreadable JSON, a wrong method) keep their statuses, as problems too.
 */
@RestControllerAdvice(annotations = ApiController.class)
public class ApiProblems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

    @ExceptionHandler(DuplicateValueException.class)
    ProblemDetail duplicate(DuplicateValueException e) {
        var problem = Problems.of(HttpStatus.CONFLICT, "conflict", e.getMessage());
        if (e.field() != null) {
            problem.setProperty("field", e.field());
        }
        return problem;
    }

    @ExceptionHandler(InvalidValueException.class)
    ProblemDetail invalid(InvalidValueException e) {
        var problem = Problems.invalid(e.field(), e.getMessage());
        problem.setProperty("errors", e.errors());
        return problem;
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail mismatch(MethodArgumentTypeMismatchException e) {
        return Problems.invalid(e.getName(), "'" + e.getValue() + "' is not a valid " + e.getName() + ".");
    }

    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail refused(AccessDeniedException e) {
        return Problems.of(HttpStatus.FORBIDDEN, "forbidden", e.getMessage());
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        return Problems.of(HttpStatus.NOT_FOUND, "not-found", e.getMessage());
    }

    @ExceptionHandler(ConflictException.class)
    ProblemDetail conflict(ConflictException e) {
        var problem = Problems.of(HttpStatus.CONFLICT, "conflict", e.getMessage());
        if (e.field() != null) {
            problem.setProperty("field", e.field());
        }
        return problem;
    }

    @ExceptionHandler(StaleVersionException.class)
    ResponseEntity<ProblemDetail> stale(StaleVersionException e) {
        var problem = Problems.of(HttpStatus.PRECONDITION_FAILED, "stale-version", e.getMessage());
        if (e.savedBy() != null) {
            problem.setProperty("savedBy", e.savedBy());
            problem.setProperty("savedAt", e.savedAt().toString());
            problem.setProperty("currentVersion", e.currentVersion());
        }
        var response = ResponseEntity.status(HttpStatus.PRECONDITION_FAILED);
        if (e.currentVersion() != null) {
            response.eTag(Etags.of(e.currentVersion()));
        }
        return response.body(problem);
    }

    @ExceptionHandler(PreconditionRequiredException.class)
    ProblemDetail preconditionRequired(PreconditionRequiredException e) {
        return Problems.of(HttpStatus.PRECONDITION_REQUIRED, "precondition-required", e.getMessage());
    }

    /** Spring MVC's own exceptions (unreadable body, missing parameter, wrong method) with the console's types. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(@NonNull Exception ex, Object body,
                                                             @NonNull HttpHeaders headers,
                                                             @NonNull HttpStatusCode status,
                                                             @NonNull WebRequest request) {
        if (status.is5xxServerError()) {
            log.error("API request failed", ex);
        }
        var problem = body instanceof ProblemDetail p ? p : ProblemDetail.forStatus(status);
        var resolved = HttpStatus.resolve(status.value());
        if (resolved != null) {
            problem.setTitle(resolved.getReasonPhrase());
            problem.setType(java.net.URI.create("urn:concierge:problem:"
                    + (status.value() == 400 ? "invalid-value" : resolved.name().toLowerCase().replace('_', '-'))));
        }
        if (ex instanceof org.springframework.http.converter.HttpMessageNotReadableException) {
            problem.setDetail("The request body is not valid JSON for this operation.");
        }
        return super.handleExceptionInternal(ex, problem, headers, status, request);
    }
}
