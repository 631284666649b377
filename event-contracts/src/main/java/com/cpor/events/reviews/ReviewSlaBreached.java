package com.cpor.events.reviews;

import com.cpor.events.Actor;
import com.fasterxml.jackson.annotation.JsonTypeName;

import java.time.Instant;
import java.util.UUID;

/** A review deadline passed without the expected action; escalation only, no status change. */
@JsonTypeName("review.sla-breached")
public record ReviewSlaBreached(UUID eventId, Instant occurredAt, String claimId,
        Stage stage, Instant dueAt, Actor assignedReviewer) implements ReviewEvent {

    public enum Stage { REVIEW_START, REVIEW_DECISION, DISPUTE_REVIEW }
}
