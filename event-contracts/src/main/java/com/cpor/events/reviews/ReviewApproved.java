package com.cpor.events.reviews;

import com.cpor.events.Actor;
import com.fasterxml.jackson.annotation.JsonTypeName;

import java.time.Instant;
import java.util.UUID;

/** The reviewer approved the claim. */
@JsonTypeName("review.approved")
public record ReviewApproved(UUID eventId, Instant occurredAt, String claimId,
        Actor reviewer, String comment) implements ReviewEvent {
}
