package com.cpor.events.claims;

import com.cpor.events.Actor;
import com.cpor.events.ClaimSnapshot;
import com.cpor.events.ClaimStatus;
import com.fasterxml.jackson.annotation.JsonTypeName;

import java.time.Instant;
import java.util.UUID;

/** The partner withdrew the claim (partner request, final). */
@JsonTypeName("claim.withdrawn")
public record ClaimWithdrawn(UUID eventId, Instant occurredAt, String claimId,
        Actor actor, String reason, ClaimStatus previousStatus, ClaimSnapshot claim) implements ClaimEvent {
}
