package com.cpor.events.reviews;

import com.cpor.events.CporEvent;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** Events on {@code cpor.reviews.v1}, written by review-service. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(ReviewQueued.class),
        @JsonSubTypes.Type(ReviewStarted.class),
        @JsonSubTypes.Type(PartnerActionRequested.class),
        @JsonSubTypes.Type(ReviewApproved.class),
        @JsonSubTypes.Type(ReviewRejected.class),
        @JsonSubTypes.Type(DisputeDecided.class),
        @JsonSubTypes.Type(ReviewSlaBreached.class),
        @JsonSubTypes.Type(PartnerResponseReminderDue.class),
        @JsonSubTypes.Type(ReviewReassigned.class),
        @JsonSubTypes.Type(DecisionTargetBreached.class)
})
public sealed interface ReviewEvent extends CporEvent
        permits ReviewQueued, ReviewStarted, PartnerActionRequested, ReviewApproved, ReviewRejected, DisputeDecided, ReviewSlaBreached, PartnerResponseReminderDue,
                ReviewReassigned, DecisionTargetBreached {
}
