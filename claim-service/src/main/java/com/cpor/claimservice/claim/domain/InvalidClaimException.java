package com.cpor.claimservice.claim.domain;

import java.util.List;

/** The claim's fields break the rules of §2; every offending field is named. */
public class InvalidClaimException extends RuntimeException {

    private final List<Violation> violations;

    public InvalidClaimException(List<Violation> violations) {
        super(violations.stream().map(v -> v.field() + ": " + v.message()).reduce((a, b) -> a + "; " + b).orElse(""));
        this.violations = List.copyOf(violations);
    }

    public InvalidClaimException(String field, String message) {
        this(List.of(new Violation(field, message)));
    }

    public List<Violation> violations() {
        return violations;
    }
}
