package com.cpor.events.consents;

import com.cpor.events.Actor;
import com.fasterxml.jackson.annotation.JsonTypeName;

import java.time.Instant;
import java.util.UUID;

/** The customer declined the association on the consent page. */
@JsonTypeName("consent.declined")
public record ConsentDeclined(UUID eventId, Instant occurredAt, String claimId,
        String consentId, Actor declinedBy) implements ConsentEvent {
}
