package com.cpor.reviewservice.review.domain;

/** A reviewer's input breaks a rule of the process; names the field. */
public class InvalidReviewInputException extends RuntimeException {

    private final String field;

    public InvalidReviewInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
