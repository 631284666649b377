package com.cpor.events.claims;

import com.cpor.events.Actor;
import com.cpor.events.ClaimSnapshot;
import com.fasterxml.jackson.annotation.JsonTypeName;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The partner disputed a rejection. */
@JsonTypeName("claim.disputed")
public record ClaimDisputed(UUID eventId, Instant occurredAt, String claimId,
        Actor actor, String justification, List<String> documentIds, ClaimSnapshot claim) implements ClaimEvent {
}
