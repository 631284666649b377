package com.cpor.events.claims;

import com.cpor.events.Actor;
import com.cpor.events.ClaimSnapshot;
import com.fasterxml.jackson.annotation.JsonTypeName;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A partner changed fields of a claim; {@code changedFields} names them. */
@JsonTypeName("claim.edited")
public record ClaimEdited(UUID eventId, Instant occurredAt, String claimId,
        Actor actor, List<String> changedFields, ClaimSnapshot claim) implements ClaimEvent {
}
