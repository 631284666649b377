package com.cpor.events.reviews;

import com.cpor.events.Actor;
import com.fasterxml.jackson.annotation.JsonTypeName;

import java.time.Instant;
import java.util.UUID;

/** A reviewer decided a dispute: OVERTURN approves the claim, UPHOLD makes the rejection final. */
@JsonTypeName("review.dispute-decided")
public record DisputeDecided(UUID eventId, Instant occurredAt, String claimId,
        Actor reviewer, Outcome outcome, String comment) implements ReviewEvent {

    public enum Outcome { OVERTURN, UPHOLD }
}
