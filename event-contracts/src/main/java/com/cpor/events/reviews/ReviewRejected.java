package com.cpor.events.reviews;

import com.cpor.events.Actor;
import com.cpor.events.RejectionReason;
import com.fasterxml.jackson.annotation.JsonTypeName;

import java.time.Instant;
import java.util.UUID;

/** The claim was rejected by a reviewer, or by the platform when the partner did not respond ({@code NO_PARTNER_RESPONSE}). */
@JsonTypeName("review.rejected")
public record ReviewRejected(UUID eventId, Instant occurredAt, String claimId,
        Actor reviewer, RejectionReason reason, String comment) implements ReviewEvent {
}
