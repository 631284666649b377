package com.cpor.events.claims;

import com.cpor.events.ClaimStatus;
import com.fasterxml.jackson.annotation.JsonTypeName;

import java.time.Instant;
import java.util.UUID;

/** A review or consent outcome arrived for a claim that had already moved on; it was recorded and not applied. */
@JsonTypeName("claim.outcome-refused")
public record ClaimOutcomeRefused(UUID eventId, Instant occurredAt, String claimId,
        UUID refusedEventId,
        String refusedEventType,
        ClaimStatus currentStatus,
        String explanation) implements ClaimEvent {
}
