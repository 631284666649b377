package com.cpor.events.reviews;

import com.cpor.events.Actor;
import com.fasterxml.jackson.annotation.JsonTypeName;

import java.time.Instant;
import java.util.UUID;

/**
 * No decision by the overall decision target (business days from submission, not counting the time the partner
 * was asked to act): escalation only, no status change. A type of its own rather than a new
 * {@link ReviewSlaBreached.Stage}, so consumers of an earlier version skip it instead of failing on the value.
 */
@JsonTypeName("review.decision-target-breached")
public record DecisionTargetBreached(UUID eventId, Instant occurredAt, String claimId,
        Instant dueAt, Actor assignedReviewer) implements ReviewEvent {
}
