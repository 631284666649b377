package com.cpor.events.reviews;

import com.cpor.events.Actor;
import com.fasterxml.jackson.annotation.JsonTypeName;

import java.time.Instant;
import java.util.UUID;

/**
 * The reviewer approved the claim. {@code contactDomainReason}: why the reviewer approved although the customer
 * contact's e-mail domain is not the customer's (null when there was no contact-domain warning).
 */
@JsonTypeName("review.approved")
public record ReviewApproved(UUID eventId, Instant occurredAt, String claimId,
        Actor reviewer, String comment, String contactDomainReason) implements ReviewEvent {

    public ReviewApproved(UUID eventId, Instant occurredAt, String claimId, Actor reviewer, String comment) {
        this(eventId, occurredAt, claimId, reviewer, comment, null);
    }
}
