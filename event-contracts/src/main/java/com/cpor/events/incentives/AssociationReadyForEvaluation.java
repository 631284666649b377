package com.cpor.events.incentives;

import com.cpor.events.Activity;
import com.cpor.events.ClaimSnapshot;
import com.cpor.events.Program;
import com.cpor.events.SolutionArea;
import com.fasterxml.jackson.annotation.JsonTypeName;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An approved association whose consent window closed: ready for incentive-eligibility evaluation.
 *
 * @param partnerOrganisation the organisation behind {@code partnerId} (its name and country); null in events
 *                            written before the partner directory
 */
@JsonTypeName("association.ready-for-evaluation")
public record AssociationReadyForEvaluation(UUID eventId, Instant occurredAt, String claimId,
        String partnerId,
        String customerTenantId,
        SolutionArea solutionArea,
        Activity activity,
        Program program,
        List<ClaimSnapshot.Product> products,
        Instant approvedAt,
        Instant consentClosedAt,
        ClaimSnapshot.PartnerOrganisation partnerOrganisation) implements IncentiveEvaluationEvent {

    /** An event as written before the partner directory: no organisation. */
    public AssociationReadyForEvaluation(UUID eventId, Instant occurredAt, String claimId, String partnerId,
                                         String customerTenantId, SolutionArea solutionArea, Activity activity,
                                         Program program, List<ClaimSnapshot.Product> products, Instant approvedAt,
                                         Instant consentClosedAt) {
        this(eventId, occurredAt, claimId, partnerId, customerTenantId, solutionArea, activity, program, products,
                approvedAt, consentClosedAt, null);
    }
}
