package com.cpor.events.reviews;

import com.cpor.events.Actor;
import com.fasterxml.jackson.annotation.JsonTypeName;

import java.time.Instant;
import java.util.UUID;

/**
 * A review lead handed the review to another reviewer: comments and escalations go to {@code reviewer} from now on.
 * {@code previousReviewer} is null when nobody was assigned.
 */
@JsonTypeName("review.reassigned")
public record ReviewReassigned(UUID eventId, Instant occurredAt, String claimId,
        Actor previousReviewer, Actor reviewer, Actor reassignedBy) implements ReviewEvent {
}
