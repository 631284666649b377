package com.cpor.reviewservice.review.domain;

import com.cpor.events.ClaimStatus;

import java.util.List;

/** The action does not fit the review's current status. */
public class ReviewActionNotAllowedException extends RuntimeException {

    private final ReviewStatus status;
    private final ClaimStatus claimStatus;
    private final List<ReviewAction> allowedActions;

    public ReviewActionNotAllowedException(ReviewAction action, ReviewStatus status, ClaimStatus claimStatus) {
        super("Cannot " + action.apiName() + " a review in status " + status + " (claim status " + claimStatus + ")");
        this.status = status;
        this.claimStatus = claimStatus;
        this.allowedActions = ReviewAction.allowedIn(status);
    }

    public ReviewStatus status() {
        return status;
    }

    public ClaimStatus claimStatus() {
        return claimStatus;
    }

    public List<ReviewAction> allowedActions() {
        return allowedActions;
    }
}
