package com.cpor.platform.web;

import org.springframework.http.HttpStatus;

import java.net.URI;
import java.util.Map;

/**
 * An error the API reports as RFC 9457 problem details, with a stable {@code type} per kind of error.
 * Throw one of the subclasses; {@link ProblemDetailsAdvice} renders it.
 */
public abstract class ApiProblem extends RuntimeException {

    public static final String TYPE_PREFIX = "urn:cpor:problem:";

    private final HttpStatus status;
    private final String kind;
    private final String title;

    protected ApiProblem(HttpStatus status, String kind, String title, String detail) {
        super(detail);
        this.status = status;
        this.kind = kind;
        this.title = title;
    }

    public HttpStatus status() {
        return status;
    }

    public URI type() {
        return URI.create(TYPE_PREFIX + kind);
    }

    public String title() {
        return title;
    }

    /** Extension members added to the problem document. */
    public Map<String, Object> properties() {
        return Map.of();
    }
}
