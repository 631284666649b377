package com.cpor.events.claims;

import com.cpor.events.Actor;
import com.cpor.events.ClaimSnapshot;
import com.fasterxml.jackson.annotation.JsonTypeName;

import java.time.Instant;
import java.util.UUID;

/** A partner answered a partner-action request; the review returns to the same reviewer. */
@JsonTypeName("claim.resubmitted")
public record ClaimResubmitted(UUID eventId, Instant occurredAt, String claimId,
        Actor actor, ClaimSnapshot claim) implements ClaimEvent {
}
