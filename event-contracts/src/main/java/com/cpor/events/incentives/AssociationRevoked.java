package com.cpor.events.incentives;

import com.fasterxml.jackson.annotation.JsonTypeName;

import java.time.Instant;
import java.util.UUID;

/** An association already sent to evaluation was withdrawn by the partner. */
@JsonTypeName("association.revoked")
public record AssociationRevoked(UUID eventId, Instant occurredAt, String claimId,
        String partnerId, String customerTenantId, String reason, Instant revokedAt) implements IncentiveEvaluationEvent {
}
