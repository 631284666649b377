package com.cpor.events.reviews;

import com.cpor.events.Actor;
import com.fasterxml.jackson.annotation.JsonTypeName;

import java.time.Instant;
import java.util.UUID;

/**
 * A reviewer decided a dispute: OVERTURN approves the claim, UPHOLD makes the rejection final.
 * {@code contactDomainReason}: as on {@link ReviewApproved}, for an overturn despite a contact-domain warning.
 */
@JsonTypeName("review.dispute-decided")
public record DisputeDecided(UUID eventId, Instant occurredAt, String claimId,
        Actor reviewer, Outcome outcome, String comment, String contactDomainReason) implements ReviewEvent {

    public enum Outcome { OVERTURN, UPHOLD }

    public DisputeDecided(UUID eventId, Instant occurredAt, String claimId, Actor reviewer, Outcome outcome,
                          String comment) {
        this(eventId, occurredAt, claimId, reviewer, outcome, comment, null);
    }
}
