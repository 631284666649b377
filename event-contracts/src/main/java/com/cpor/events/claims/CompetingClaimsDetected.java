package com.cpor.events.claims;

import com.cpor.events.ClaimSnapshot;
import com.fasterxml.jackson.annotation.JsonTypeName;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A submitted claim overlaps active claims of other partners on the same tenant and workload or subscription. */
@JsonTypeName("claim.competing-detected")
public record CompetingClaimsDetected(UUID eventId, Instant occurredAt, String claimId,
        List<String> competingClaimIds, List<String> overlappingProducts, ClaimSnapshot claim) implements ClaimEvent {
}
