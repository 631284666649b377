package com.cpor.claimservice.claim.domain;

import java.time.Instant;

/** The absolute instants by which the next step is due, shown on the claim ("respond by ..."). */
public record Deadlines(Instant reviewStartDueAt, Instant reviewDecisionDueAt, Instant partnerResponseDueAt,
                        Instant consentWindowEndsAt, Instant disputeUntil, Instant disputeReviewDueAt) {

    public static final Deadlines NONE = new Deadlines(null, null, null, null, null, null);

    public Deadlines withReviewStartDueAt(Instant at) {
        return new Deadlines(at, reviewDecisionDueAt, partnerResponseDueAt, consentWindowEndsAt, disputeUntil, disputeReviewDueAt);
    }

    public Deadlines withReviewDecisionDueAt(Instant at) {
        return new Deadlines(reviewStartDueAt, at, partnerResponseDueAt, consentWindowEndsAt, disputeUntil, disputeReviewDueAt);
    }

    public Deadlines withPartnerResponseDueAt(Instant at) {
        return new Deadlines(reviewStartDueAt, reviewDecisionDueAt, at, consentWindowEndsAt, disputeUntil, disputeReviewDueAt);
    }

    public Deadlines withConsentWindowEndsAt(Instant at) {
        return new Deadlines(reviewStartDueAt, reviewDecisionDueAt, partnerResponseDueAt, at, disputeUntil, disputeReviewDueAt);
    }

    public Deadlines withDisputeUntil(Instant at) {
        return new Deadlines(reviewStartDueAt, reviewDecisionDueAt, partnerResponseDueAt, consentWindowEndsAt, at, disputeReviewDueAt);
    }

    public Deadlines withDisputeReviewDueAt(Instant at) {
        return new Deadlines(reviewStartDueAt, reviewDecisionDueAt, partnerResponseDueAt, consentWindowEndsAt, disputeUntil, at);
    }
}
