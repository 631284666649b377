package com.cpor.events.consents;

import com.fasterxml.jackson.annotation.JsonTypeName;

import java.time.Instant;
import java.util.UUID;

/** The consent window ended without a decline. */
@JsonTypeName("consent.window-elapsed")
public record ConsentWindowElapsed(UUID eventId, Instant occurredAt, String claimId,
        String consentId, Instant windowEndedAt) implements ConsentEvent {
}
