package com.cpor.reviewservice.review.domain;

/** No review exists for the claim (never submitted, or not yet consumed). */
public class ReviewNotFoundException extends RuntimeException {

    private final String claimId;

    public ReviewNotFoundException(String claimId) {
        super("No review of claim " + claimId);
        this.claimId = claimId;
    }

    public String claimId() {
        return claimId;
    }
}
