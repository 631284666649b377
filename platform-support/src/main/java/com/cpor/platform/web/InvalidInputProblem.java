package com.cpor.platform.web;

import org.springframework.http.HttpStatus;

import java.util.List;
import java.util.Map;

/** 400: names each offending field and what is wrong with it. */
public class InvalidInputProblem extends ApiProblem {

    private final List<FieldError> errors;

    public InvalidInputProblem(List<FieldError> errors) {
        super(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input",
                errors.stream().map(e -> e.field() + ": " + e.message()).reduce((a, b) -> a + "; " + b)
                        .orElse("Invalid input"));
        this.errors = List.copyOf(errors);
    }

    public InvalidInputProblem(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("errors", errors);
    }

    public record FieldError(String field, String message) {
    }
}
