package com.cpor.events.claims;

import com.cpor.events.Actor;
import com.cpor.events.ClaimSnapshot;
import com.cpor.events.ClaimStatus;
import com.fasterxml.jackson.annotation.JsonTypeName;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Every status transition, with the claim as it stands after it. {@code reasonCodes} and {@code comment}
 * carry the cause: partner-action reasons, the rejection reason, the withdrawal reason, the reviewer's comment.
 */
@JsonTypeName("claim.status-changed")
public record ClaimStatusChanged(UUID eventId, Instant occurredAt, String claimId,
        ClaimStatus fromStatus,
        ClaimStatus toStatus,
        Actor actor,
        List<String> reasonCodes,
        String comment,
        ClaimSnapshot claim) implements ClaimEvent {
}
