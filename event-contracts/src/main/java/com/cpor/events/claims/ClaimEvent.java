package com.cpor.events.claims;

import com.cpor.events.CporEvent;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** Events on {@code cpor.claims.v1}, written by claim-service. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(ClaimSubmitted.class),
        @JsonSubTypes.Type(ClaimResubmitted.class),
        @JsonSubTypes.Type(ClaimEdited.class),
        @JsonSubTypes.Type(ClaimWithdrawn.class),
        @JsonSubTypes.Type(ClaimDisputed.class),
        @JsonSubTypes.Type(CommentAdded.class),
        @JsonSubTypes.Type(ClaimStatusChanged.class),
        @JsonSubTypes.Type(CompetingClaimsDetected.class),
        @JsonSubTypes.Type(ClaimSentToEvaluation.class),
        @JsonSubTypes.Type(ClaimOutcomeRefused.class)
})
public sealed interface ClaimEvent extends CporEvent
        permits ClaimSubmitted, ClaimResubmitted, ClaimEdited, ClaimWithdrawn, ClaimDisputed, CommentAdded,
        ClaimStatusChanged, CompetingClaimsDetected, ClaimSentToEvaluation, ClaimOutcomeRefused {
}
