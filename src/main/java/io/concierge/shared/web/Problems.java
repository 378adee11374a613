package io.concierge.shared.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * RFC 9457 problem details as the API writes them: a stable {@code type} per kind of problem, the status's title,
 * and the same message the UI shows as {@code detail}. Filters (authentication, rate limits, idempotency), which
 * run before any controller, write theirs with {@link #write}.
 */
public final class Problems {

    public static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private Problems() {
    }

    /** {@code kind} becomes the type {@code urn:concierge:problem:<kind>} (invalid-value, not-found, conflict, ...). */
    public static ProblemDetail of(HttpStatus status, String kind, String detail) {
        var problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:concierge:problem:" + kind));
        problem.setTitle(status.getReasonPhrase());
        return problem;
    }

    /** Bad input: {@code field} (null for the whole input) and the message, also as a one-element {@code errors}. */
    public static ProblemDetail invalid(String field, String message) {
        var problem = of(HttpStatus.BAD_REQUEST, "invalid-value", message);
        if (field != null) {
            problem.setProperty("field", field);
        }
        var error = new java.util.LinkedHashMap<String, String>();
        error.put("field", field);
        error.put("message", message);
        problem.setProperty("errors", List.of(error));
        return problem;
    }

    /** Writes a problem straight to the response (for filters, before any controller ran). */
    public static void write(HttpServletResponse response, ProblemDetail problem, Map<String, String> headers)
            throws IOException {
        response.setStatus(problem.getStatus());
        headers.forEach(response::setHeader);
        response.setContentType(PROBLEM_JSON.toString());
        response.setCharacterEncoding("UTF-8");
        JSON.writeValue(response.getOutputStream(), body(problem));
    }

    private static Map<String, Object> body(ProblemDetail problem) {
        var body = new java.util.LinkedHashMap<String, Object>();
        body.put("type", problem.getType().toString());
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        if (problem.getProperties() != null) {
            body.putAll(problem.getProperties());
        }
        return body;
    }
}
