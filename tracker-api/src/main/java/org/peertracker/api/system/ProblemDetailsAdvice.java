package org.peertracker.api.system;

import com.mongodb.MongoException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotWritableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error as RFC 9457 problem details that name the field and the rule; never a stack trace, an exception
 * message from a library, or an internal class name.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @ExceptionHandler(RequestProblem.class)
    ResponseEntity<ProblemDetail> on(RequestProblem problem) {
        var body = ProblemDetail.forStatusAndDetail(problem.status(), problem.getMessage());
        body.setTitle(problem.title());
        if (problem.field() != null) {
            body.setProperty("field", problem.field());
        }
        body.setProperty("rule", problem.rule());
        var response = ResponseEntity.status(problem.status());
        if (problem.retryAfter() != null) {
            response.header(
                    HttpHeaders.RETRY_AFTER, String.valueOf(problem.retryAfter().toSeconds()));
        }
        return response.body(body);
    }

    /** MongoDB away is no fault of the request: the views are read again once it is back. */
    @ExceptionHandler({MongoTimeoutException.class, MongoSocketException.class})
    ResponseEntity<ProblemDetail> onViewsUnavailable(MongoException e, HttpServletResponse response) {
        unlessBegun(e, response);
        log.warn("the views cannot be read: {}", e.getClass().getSimpleName());
        var body = ProblemDetail.forStatusAndDetail(
                HttpStatus.SERVICE_UNAVAILABLE, "The views cannot be read just now; try again in a few seconds.");
        body.setTitle("Views unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "5")
                .body(body);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> onUnexpected(Exception e, HttpServletResponse response) throws Exception {
        unlessBegun(e, response);
        log.error("unexpected error", e);
        var body = ProblemDetail.forStatusAndDetail(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "The request could not be served; it was not applied. Try again later.");
        return ResponseEntity.internalServerError().body(body);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotWritable(
            HttpMessageNotWritableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        log.error("a response could not be written", ex);
        return super.handleHttpMessageNotWritable(ex, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var name = ex instanceof MethodArgumentTypeMismatchException m ? m.getName() : ex.getPropertyName();
        var expected =
                ex.getRequiredType() == null ? "value" : ex.getRequiredType().getSimpleName();
        var body = ProblemDetail.forStatusAndDetail(
                HttpStatus.BAD_REQUEST, "'" + name + "' must be a " + describe(expected));
        body.setTitle("Invalid parameter");
        body.setProperty("field", name);
        body.setProperty("rule", "format");
        return ResponseEntity.badRequest().body(body);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(
            MissingServletRequestParameterException ex,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        var body =
                ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "'" + ex.getParameterName() + "' is required");
        body.setTitle("Invalid parameter");
        body.setProperty("field", ex.getParameterName());
        body.setProperty("rule", "required");
        return ResponseEntity.badRequest().body(body);
    }

    /**
     * An answer that has begun (an export's file, streamed) can be followed by no problem details: they would be
     * appended to it. The failure is left to the container, which then ends the connection without ending the body,
     * so that the client sees the file cut short rather than complete.
     */
    static <E extends Exception> void unlessBegun(E e, HttpServletResponse response) throws E {
        if (response.isCommitted()) {
            log.error("failed after the answer began: the connection is ended", e);
            throw e;
        }
    }

    private static String describe(String type) {
        return switch (type) {
            case "LocalDate" -> "date (yyyy-MM-dd)";
            case "YearMonth" -> "month (yyyy-MM)";
            case "Instant" -> "timestamp (ISO-8601, e.g. 2026-11-27T10:00:00Z)";
            case "int", "Integer", "long", "Long" -> "whole number";
            default -> "valid value";
        };
    }
}
