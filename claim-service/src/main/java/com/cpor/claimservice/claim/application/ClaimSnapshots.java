package com.cpor.claimservice.claim.application;

import com.cpor.claimservice.claim.domain.Claim;
import com.cpor.claimservice.claim.domain.ClaimDetails;
import com.cpor.claimservice.claim.domain.Contact;
import com.cpor.claimservice.claim.domain.Deadlines;
import com.cpor.claimservice.claim.domain.PartnerOrganisation;
import com.cpor.claimservice.claim.domain.Rejection;
import com.cpor.claimservice.claim.domain.RequestedChanges;
import com.cpor.events.ClaimSnapshot;

/** The claim as the wire shows it to other services (ClaimSnapshot of event-contracts). */
public final class ClaimSnapshots {

    private ClaimSnapshots() {
    }

    public static ClaimSnapshot of(Claim claim) {
        ClaimDetails details = claim.details();
        Deadlines deadlines = claim.deadlines();
        Rejection rejection = claim.rejection();
        return new ClaimSnapshot(
                claim.id(),
                details.name(),
                details.partnerId(),
                details.solutionArea(),
                details.activity(),
                details.program(),
                new ClaimSnapshot.Customer(details.customer().tenantId(), details.customer().domain(),
                        details.customer().name(), details.customer().declaredDomains()),
                products(details),
                contact(details.customerContact()),
                contact(details.customerTechnicalContact()),
                contact(details.partnerContact()),
                details.solutionSellerName(),
                details.isvSolutionName(),
                claim.status(),
                rejection == null ? null : new ClaimSnapshot.Rejection(rejection.reason(), rejection.comment(),
                        rejection.at(), rejection.finalDecision(), rejection.withdrawalReason()),
                new ClaimSnapshot.Deadlines(deadlines.reviewStartDueAt(), deadlines.reviewDecisionDueAt(),
                        deadlines.partnerResponseDueAt(), deadlines.consentWindowEndsAt(), deadlines.disputeUntil(),
                        deadlines.disputeReviewDueAt(), deadlines.decisionTargetDueAt()),
                claim.competingClaimIds(),
                claim.eligibilitySentAt(),
                claim.disputeCount(),
                claim.submittedAt(),
                claim.approvedAt(),
                claim.createdAt(),
                claim.updatedAt(),
                claim.version(),
                organisation(claim.partnerOrganisation()),
                requestedChanges(claim.requestedChanges()));
    }

    public static ClaimSnapshot.PartnerOrganisation organisation(PartnerOrganisation organisation) {
        return organisation == null ? null : new ClaimSnapshot.PartnerOrganisation(organisation.partnerId(),
                organisation.name(), organisation.country(), organisation.timeZone());
    }

    public static java.util.List<ClaimSnapshot.Product> products(ClaimDetails details) {
        return details.products().stream().map(p -> new ClaimSnapshot.Product(p.code(), p.subscriptionId())).toList();
    }

    private static ClaimSnapshot.Contact contact(Contact contact) {
        return contact == null ? null
                : new ClaimSnapshot.Contact(contact.name(), contact.title(), contact.email(), contact.locale(),
                contact.timeZone());
    }

    private static ClaimSnapshot.RequestedChanges requestedChanges(RequestedChanges requested) {
        return requested == null ? null : new ClaimSnapshot.RequestedChanges(requested.reasons(), requested.comment(),
                requested.productsToRemove(), requested.requestedAt());
    }
}
