package com.cpor.events.reviews;

import com.cpor.events.Actor;
import com.cpor.events.PartnerActionReason;
import com.fasterxml.jackson.annotation.JsonTypeName;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The reviewer needs more from the partner, who must resubmit by {@code respondBy}. */
@JsonTypeName("review.partner-action-requested")
public record PartnerActionRequested(UUID eventId, Instant occurredAt, String claimId,
        Actor reviewer,
        List<PartnerActionReason> reasons,
        String comment,
        List<String> productsToRemove,
        Instant respondBy) implements ReviewEvent {
}
