package com.cpor.events.claims;

import com.cpor.events.ClaimSnapshot;
import com.fasterxml.jackson.annotation.JsonTypeName;

import java.time.Instant;
import java.util.UUID;

/** The consent window elapsed without a decline; the association went to incentive-eligibility evaluation. */
@JsonTypeName("claim.sent-to-evaluation")
public record ClaimSentToEvaluation(UUID eventId, Instant occurredAt, String claimId,
        Instant sentAt, ClaimSnapshot claim) implements ClaimEvent {
}
