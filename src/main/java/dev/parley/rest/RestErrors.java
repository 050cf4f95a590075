package dev.parley.rest;

import dev.parley.error.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Maps failures of the REST API to RFC 9457 problem details whose {@code detail} reuses the RPC message
 * text. Spring's own errors (404 path, 405, 415) keep Spring's detail. Nothing unexpected leaks: it is
 * logged with an error id and answered {@code Internal error}.
 */
@RestControllerAdvice(basePackageClasses = RestErrors.class)
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
    ResponseEntity<ProblemDetail> api(ApiException e, HttpServletRequest request) {
        HttpStatus status = switch (e.kind()) {
            case INVALID_REQUEST, INVALID_PARAMS -> HttpStatus.BAD_REQUEST;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case PREFLIGHT -> HttpStatus.UNPROCESSABLE_CONTENT;
            case OVERLOADED -> HttpStatus.SERVICE_UNAVAILABLE;
        };
        ResponseEntity.BodyBuilder response = ResponseEntity.status(status);
        if (status == HttpStatus.SERVICE_UNAVAILABLE) {
            response.header(HttpHeaders.RETRY_AFTER, "1");
        }
        return response.body(problem(status, e.getMessage(), request));
    }

    @ExceptionHandler(RestException.class)
    ResponseEntity<ProblemDetail> rest(RestException e, HttpServletRequest request) {
        return ResponseEntity.status(e.status).body(problem(e.status, e.getMessage(), request));
    }

    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<ProblemDetail> unexpected(RuntimeException e, HttpServletRequest request) {
        String errorId = UUID.randomUUID().toString();
        log.error("internal error {} on {} {}", errorId, request.getMethod(), request.getRequestURI(), e);
        ProblemDetail problem = problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error", request);
        problem.setProperty("errorId", errorId);
        return ResponseEntity.internalServerError().body(problem);
    }

    static ProblemDetail problem(HttpStatus status, String detail, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setInstance(URI.create(request.getRequestURI()));
        return problem;
    }
}
