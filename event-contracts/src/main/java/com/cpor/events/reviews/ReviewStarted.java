package com.cpor.events.reviews;

import com.cpor.events.Actor;
import com.fasterxml.jackson.annotation.JsonTypeName;

import java.time.Instant;
import java.util.UUID;

/** A reviewer started (or, after a resubmission, resumed) the review; decision due by {@code decisionDueAt}. */
@JsonTypeName("review.started")
public record ReviewStarted(UUID eventId, Instant occurredAt, String claimId,
        Actor reviewer, Instant decisionDueAt) implements ReviewEvent {
}
