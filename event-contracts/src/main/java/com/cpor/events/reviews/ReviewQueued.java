package com.cpor.events.reviews;

import com.fasterxml.jackson.annotation.JsonTypeName;

import java.time.Instant;
import java.util.UUID;

/**
 * A claim entered the review queue: submitted or resubmitted (the review should start by {@code reviewStartDueAt}),
 * or disputed (the dispute should be decided by {@code disputeReviewDueAt}; {@code reviewStartDueAt} is null then).
 * {@code decisionTargetDueAt}: the overall decision target of a submission (null for a dispute).
 */
@JsonTypeName("review.queued")
public record ReviewQueued(UUID eventId, Instant occurredAt, String claimId,
        Instant reviewStartDueAt, Instant disputeReviewDueAt, Instant decisionTargetDueAt) implements ReviewEvent {

    public ReviewQueued(UUID eventId, Instant occurredAt, String claimId, Instant reviewStartDueAt) {
        this(eventId, occurredAt, claimId, reviewStartDueAt, null, null);
    }
}
