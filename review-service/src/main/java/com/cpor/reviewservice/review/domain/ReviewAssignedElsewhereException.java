package com.cpor.reviewservice.review.domain;

/** Another reviewer owns this review; only they or a review lead may act on it. */
public class ReviewAssignedElsewhereException extends RuntimeException {

    public ReviewAssignedElsewhereException(String claimId, String assigneeId) {
        super("The review of claim " + claimId + " is assigned to reviewer " + assigneeId
                + "; only that reviewer or a review lead may act on it");
    }
}
