package com.cpor.claimservice.claim.domain;

import java.time.Instant;

/**
 * The absolute instants by which the next step is due, shown on the claim ("respond by ..."). {@code
 * decisionTargetDueAt}: the overall decision target (§8), set by review-service while the claim waits for a decision,
 * null while the partner is asked to act.
 */
public record Deadlines(Instant reviewStartDueAt, Instant reviewDecisionDueAt, Instant partnerResponseDueAt,
                        Instant consentWindowEndsAt, Instant disputeUntil, Instant disputeReviewDueAt,
                        Instant decisionTargetDueAt) {

    public static final Deadlines NONE = new Deadlines(null, null, null, null, null, null, null);

    public Deadlines withReviewStartDueAt(Instant at) {
        return new Deadlines(at, reviewDecisionDueAt, partnerResponseDueAt, consentWindowEndsAt, disputeUntil, disputeReviewDueAt, decisionTargetDueAt);
    }

    public Deadlines withReviewDecisionDueAt(Instant at) {
        return new Deadlines(reviewStartDueAt, at, partnerResponseDueAt, consentWindowEndsAt, disputeUntil, disputeReviewDueAt, decisionTargetDueAt);
    }

    public Deadlines withPartnerResponseDueAt(Instant at) {
        return new Deadlines(reviewStartDueAt, reviewDecisionDueAt, at, consentWindowEndsAt, disputeUntil, disputeReviewDueAt, decisionTargetDueAt);
    }

    public Deadlines withConsentWindowEndsAt(Instant at) {
        return new Deadlines(reviewStartDueAt, reviewDecisionDueAt, partnerResponseDueAt, at, disputeUntil, disputeReviewDueAt, decisionTargetDueAt);
    }

    public Deadlines withDisputeUntil(Instant at) {
        return new Deadlines(reviewStartDueAt, reviewDecisionDueAt, partnerResponseDueAt, consentWindowEndsAt, at, disputeReviewDueAt, decisionTargetDueAt);
    }

    public Deadlines withDisputeReviewDueAt(Instant at) {
        return new Deadlines(reviewStartDueAt, reviewDecisionDueAt, partnerResponseDueAt, consentWindowEndsAt, disputeUntil, at, decisionTargetDueAt);
    }

    public Deadlines withDecisionTargetDueAt(Instant at) {
        return new Deadlines(reviewStartDueAt, reviewDecisionDueAt, partnerResponseDueAt, consentWindowEndsAt, disputeUntil,
                disputeReviewDueAt, at);
    }
}
