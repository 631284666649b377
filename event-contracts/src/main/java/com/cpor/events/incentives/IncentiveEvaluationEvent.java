package com.cpor.events.incentives;

import com.cpor.events.CporEvent;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** Events on {@code cpor.incentive-evaluation.v1}, written by claim-service for downstream incentive-eligibility evaluation. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(AssociationReadyForEvaluation.class),
        @JsonSubTypes.Type(AssociationRevoked.class)
})
public sealed interface IncentiveEvaluationEvent extends CporEvent
        permits AssociationReadyForEvaluation, AssociationRevoked {
}
