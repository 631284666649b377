package com.cpor.console.api;

import java.util.List;
import java.util.Map;

/**
 * A 4xx answer of a service API as problem+json: its detail and, for invalid input, the offending fields, so a
 * page can show each message next to its field.
 */
public class ApiProblemException extends RuntimeException {

    private final int status;
    private final String detail;
    private final Map<String, String> fieldErrors;

    public ApiProblemException(int status, String detail, Map<String, String> fieldErrors) {
        super(status + " " + detail);
        this.status = status;
        this.detail = detail;
        this.fieldErrors = Map.copyOf(fieldErrors);
    }

    public int status() {
        return status;
    }

    public String detail() {
        return detail;
    }

    public Map<String, String> fieldErrors() {
        return fieldErrors;
    }

    public List<String> messages() {
        return fieldErrors.isEmpty() ? List.of(detail)
                : fieldErrors.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList();
    }
}
