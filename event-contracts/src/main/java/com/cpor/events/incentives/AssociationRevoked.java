package com.cpor.events.incentives;

import com.cpor.events.WithdrawalReason;
import com.fasterxml.jackson.annotation.JsonTypeName;

import java.time.Instant;
import java.util.UUID;

/**
 * An association already sent to evaluation was withdrawn by the partner.
 *
 * @param reason     the partner's text, or the code's name when the partner gave none
 * @param reasonCode why, as a code; null in events written before codes existed
 */
@JsonTypeName("association.revoked")
public record AssociationRevoked(UUID eventId, Instant occurredAt, String claimId,
        String partnerId, String customerTenantId, String reason, Instant revokedAt, WithdrawalReason reasonCode)
        implements IncentiveEvaluationEvent {

    /** An event as written before withdrawal reasons were codes. */
    public AssociationRevoked(UUID eventId, Instant occurredAt, String claimId, String partnerId,
                              String customerTenantId, String reason, Instant revokedAt) {
        this(eventId, occurredAt, claimId, partnerId, customerTenantId, reason, revokedAt, null);
    }
}
