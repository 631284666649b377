package com.cpor.events.claims;

import com.cpor.events.Actor;
import com.cpor.events.ClaimSnapshot;
import com.fasterxml.jackson.annotation.JsonTypeName;

import java.time.Instant;
import java.util.UUID;

/** A partner submitted a claim for review (first time). */
@JsonTypeName("claim.submitted")
public record ClaimSubmitted(UUID eventId, Instant occurredAt, String claimId,
        Actor actor, ClaimSnapshot claim) implements ClaimEvent {
}
