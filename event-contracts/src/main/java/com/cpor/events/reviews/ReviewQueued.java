package com.cpor.events.reviews;

import com.fasterxml.jackson.annotation.JsonTypeName;

import java.time.Instant;
import java.util.UUID;

/** A submitted claim entered the review queue; the review should start by {@code reviewStartDueAt}. */
@JsonTypeName("review.queued")
public record ReviewQueued(UUID eventId, Instant occurredAt, String claimId,
        Instant reviewStartDueAt) implements ReviewEvent {
}
