package com.cpor.platform.web;

import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataAccessException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import java.net.URI;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;

/** Every error as RFC 9457 problem details with a stable {@code type}; 400s name the offending fields. */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @ExceptionHandler(ApiProblem.class)
    public ResponseEntity<ProblemDetail> apiProblem(ApiProblem problem) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(problem.status(), problem.getMessage());
        body.setType(problem.type());
        body.setTitle(problem.title());
        problem.properties().forEach(body::setProperty);
        return ResponseEntity.status(problem.status()).body(body);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    public ResponseEntity<ProblemDetail> constraintViolation(ConstraintViolationException e) {
        return apiProblem(new InvalidInputProblem(e.getConstraintViolations().stream()
                .map(v -> new InvalidInputProblem.FieldError(v.getPropertyPath().toString(), v.getMessage()))
                .toList()));
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return toObject(apiProblem(new PayloadTooLargeProblem("The upload exceeds the size limit")));
    }

    /**
     * A multipart body the container cannot parse (no boundary, unterminated, NUL in a part header) is the client's
     * error; an upload above the limit is still the 413 above.
     */
    @ExceptionHandler(MultipartException.class)
    public ResponseEntity<ProblemDetail> unreadableMultipart(MultipartException e) {
        return apiProblem(new InvalidInputProblem("body", "is not a readable multipart/form-data body"));
    }

    @ExceptionHandler({AccessDeniedException.class, AuthenticationException.class})
    public void securityExceptions(RuntimeException e) {
        throw e; // rendered by the security filter chain's problem handlers
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<InvalidInputProblem.FieldError> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(f -> new InvalidInputProblem.FieldError(f.getField(), f.getDefaultMessage()))
                .collect(Collectors.toList());
        ex.getBindingResult().getGlobalErrors().forEach(g ->
                errors.add(new InvalidInputProblem.FieldError(g.getObjectName(), g.getDefaultMessage())));
        return toObject(apiProblem(new InvalidInputProblem(errors)));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<InvalidInputProblem.FieldError> errors = ex.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream().map(error ->
                        new InvalidInputProblem.FieldError(result.getMethodParameter().getParameterName(),
                                error.getDefaultMessage())))
                .toList();
        return toObject(apiProblem(new InvalidInputProblem(errors)));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable cause = ex.getMostSpecificCause();
        if (cause instanceof UnrecognizedPropertyException unknown && unknown.getPath().isEmpty()) {
            return toObject(apiProblem(new InvalidInputProblem(unknown.getPropertyName(),
                    "is not a field that can be set here")));
        }
        if (cause instanceof JacksonException json) {
            return toObject(apiProblem(new InvalidInputProblem(List.of(JsonInputErrors.describe(json)))));
        }
        return toObject(apiProblem(new InvalidInputProblem("body", "is not readable JSON")));
    }

    /** A query or path parameter of the wrong type: named, with what it must be (never the Java type). */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String name = ex instanceof MethodArgumentTypeMismatchException argument ? argument.getName()
                : ex.getPropertyName() != null ? ex.getPropertyName() : "parameter";
        Class<?> type = ex.getRequiredType();
        if (type != null && type.isArray()) {
            type = type.getComponentType();
        } else if (ex instanceof MethodArgumentTypeMismatchException argument && type != null
                && java.util.Collection.class.isAssignableFrom(type)) {
            type = argument.getParameter().nested().getNestedParameterType();
        }
        return toObject(apiProblem(new InvalidInputProblem(name,
                "must be " + (type == null ? "a valid value" : JsonInputErrors.expected(type)))));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return toObject(apiProblem(new InvalidInputProblem(ex.getParameterName(), "is required")));
    }

    /**
     * Safety net: a value the database refuses as data (SQLSTATE class 22: bad encoding, NUL, too long, out of
     * range) came with the request; input checks should have caught it, so it is logged, but it is a 400.
     * Everything else from the database stays a 500.
     */
    @ExceptionHandler(DataAccessException.class)
    public ResponseEntity<ProblemDetail> dataAccess(DataAccessException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("22")) {
                log.warn("The database refused a value of a request (SQLSTATE {}); an input check is missing",
                        sql.getSQLState());
                return apiProblem(new InvalidInputProblem("body",
                        "contains a value that cannot be stored (invalid text, too long or out of range)"));
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return unexpected(e);
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("Unexpected error", e);
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "An unexpected error occurred; it was logged.");
        body.setType(URI.create(ApiProblem.TYPE_PREFIX + "internal"));
        return ResponseEntity.internalServerError().body(body);
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
            WebRequest request) {
        if (body instanceof ProblemDetail problem && (problem.getType() == null
                || "about:blank".equals(problem.getType().toString()))) {
            problem.setType(URI.create(ApiProblem.TYPE_PREFIX + "http-" + statusCode.value()));
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    private static ResponseEntity<Object> toObject(ResponseEntity<ProblemDetail> response) {
        return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders()).body(response.getBody());
    }
}
