package com.cpor.events.claims;

import com.cpor.events.Actor;
import com.cpor.events.ClaimSnapshot;
import com.cpor.events.ClaimStatus;
import com.cpor.events.WithdrawalReason;
import com.fasterxml.jackson.annotation.JsonTypeName;

import java.time.Instant;
import java.util.UUID;

/**
 * The partner withdrew the claim (partner request, final).
 *
 * @param reason     the partner's text, or the code's name when the partner gave none (events before
 *                   {@code reasonCode} existed carried free text here)
 * @param reasonCode why, as a code; null in events written before codes existed
 */
@JsonTypeName("claim.withdrawn")
public record ClaimWithdrawn(UUID eventId, Instant occurredAt, String claimId,
        Actor actor, String reason, ClaimStatus previousStatus, ClaimSnapshot claim, WithdrawalReason reasonCode)
        implements ClaimEvent {

    /** An event as written before withdrawal reasons were codes (readers and tests of the old shape). */
    public ClaimWithdrawn(UUID eventId, Instant occurredAt, String claimId, Actor actor, String reason,
                          ClaimStatus previousStatus, ClaimSnapshot claim) {
        this(eventId, occurredAt, claimId, actor, reason, previousStatus, claim, null);
    }
}
