package com.cpor.reviewservice.review.domain;

import java.time.Instant;

/** The absolute due times of the current review round; null where that clock is not running. */
public record ReviewDeadlines(Instant reviewStartDueAt, Instant decisionDueAt, Instant partnerResponseDueAt,
                              Instant disputeReviewDueAt) {

    public static final ReviewDeadlines NONE = new ReviewDeadlines(null, null, null, null);

    ReviewDeadlines withReviewStartDueAt(Instant dueAt) {
        return new ReviewDeadlines(dueAt, null, null, null);
    }

    ReviewDeadlines withDecisionDueAt(Instant dueAt) {
        return new ReviewDeadlines(reviewStartDueAt, dueAt, null, null);
    }

    ReviewDeadlines withPartnerResponseDueAt(Instant dueAt) {
        return new ReviewDeadlines(reviewStartDueAt, decisionDueAt, dueAt, null);
    }

    ReviewDeadlines withDisputeReviewDueAt(Instant dueAt) {
        return new ReviewDeadlines(null, null, null, dueAt);
    }
}
