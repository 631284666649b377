package com.cpor.events.consents;

import com.cpor.events.ClaimSnapshot;
import com.fasterxml.jackson.annotation.JsonTypeName;

import java.time.Instant;
import java.util.UUID;

/** The consent window opened; the customer is to be told, with a link to the decline page. */
@JsonTypeName("consent.requested")
public record ConsentRequested(UUID eventId, Instant occurredAt, String claimId,
        String consentId, Instant windowEndsAt, String consentUrl, ClaimSnapshot claim) implements ConsentEvent {
}
