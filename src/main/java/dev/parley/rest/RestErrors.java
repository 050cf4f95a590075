package dev.parley.rest;

import dev.parley.error.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Maps every failure of the HTTP API to an RFC 9457 problem body with exactly the members
 * {@code type}, {@code title}, {@code status}, {@code detail} and {@code instance} (plus {@code errorId}
 * for internal errors). {@code detail} reuses the RPC message text; Spring's own errors (unknown path,
 * 405, 415) keep Spring's detail. Nothing unexpected leaks: it is logged with an error id and answered
 * {@code Internal error}.
 */
@RestControllerAdvice
public class RestErrors extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(RestErrors.class);

    /** A REST-only failure with a fixed status (e.g. 413). */
    public static final class RestException extends RuntimeException {
        private final HttpStatus status;

        public RestException(HttpStatus status, String detail) {
            super(detail, null, false, false);
            this.status = status;
        }
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Object> api(ApiException e, HttpServletRequest request) {
        HttpStatus status = switch (e.kind()) {
            case INVALID_REQUEST, INVALID_PARAMS -> HttpStatus.BAD_REQUEST;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case PREFLIGHT -> HttpStatus.UNPROCESSABLE_CONTENT;
            case OVERLOADED, STORE_UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
        };
        HttpHeaders headers = new HttpHeaders();
        if (status == HttpStatus.SERVICE_UNAVAILABLE) {
            headers.set(HttpHeaders.RETRY_AFTER, "1");
        }
        return problem(status, e.getMessage(), request.getRequestURI(), headers, null);
    }

    @ExceptionHandler(RestException.class)
    ResponseEntity<Object> rest(RestException e, HttpServletRequest request) {
        return problem(e.status, e.getMessage(), request.getRequestURI(), new HttpHeaders(), null);
    }

    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<Object> unexpected(RuntimeException e, HttpServletRequest request) {
        String errorId = UUID.randomUUID().toString();
        log.error("internal error {} on {} {}", errorId, request.getMethod(), request.getRequestURI(), e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error", request.getRequestURI(), new HttpHeaders(),
                errorId);
    }

    /** Spring's own MVC errors arrive here as {@link ProblemDetail}s; rewrite them into Parley's shape. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        String path = request instanceof ServletWebRequest servlet ? servlet.getRequest().getRequestURI() : "";
        String detail = body instanceof ProblemDetail problem && problem.getDetail() != null ? problem.getDetail()
                : HttpStatus.valueOf(statusCode.value()).getReasonPhrase();
        return problem(HttpStatus.valueOf(statusCode.value()), detail, path, headers, null);
    }

    static ResponseEntity<Object> problem(HttpStatus status, String detail, String instance, HttpHeaders headers,
            @Nullable String errorId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", status.getReasonPhrase());
        body.put("status", status.value());
        body.put("detail", detail);
        body.put("instance", instance);
        if (errorId != null) {
            body.put("errorId", errorId);
        }
        return ResponseEntity.status(status).headers(headers).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }
}
