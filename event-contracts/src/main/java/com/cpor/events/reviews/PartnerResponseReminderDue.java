package com.cpor.events.reviews;

import com.fasterxml.jackson.annotation.JsonTypeName;

import java.time.Instant;
import java.util.UUID;

/** The partner-response deadline is near; the partner should be reminded. */
@JsonTypeName("review.partner-response-reminder-due")
public record PartnerResponseReminderDue(UUID eventId, Instant occurredAt, String claimId,
        Instant respondBy) implements ReviewEvent {
}
