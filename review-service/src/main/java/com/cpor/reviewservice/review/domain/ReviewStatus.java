package com.cpor.reviewservice.review.domain;

/** Where a review stands from the reviewers' side; the claim's own status is mirrored beside it. */
public enum ReviewStatus {
    /** waiting for a reviewer to start (first submission or resubmission) */
    QUEUED,
    /** a reviewer is checking the PoE */
    IN_REVIEW,
    /** the partner was asked for more; waiting for a resubmission */
    AWAITING_PARTNER,
    /** the partner disputed a rejection; waiting for a dispute decision */
    DISPUTE_OPEN,
    /** an outcome was sent to claim-service (or applied); nothing left to do unless disputed */
    DECIDED,
    /** withdrawn, or an outcome lost a race with another change of the claim */
    CLOSED;

    public boolean isOpen() {
        return this == QUEUED || this == IN_REVIEW || this == AWAITING_PARTNER || this == DISPUTE_OPEN;
    }
}
