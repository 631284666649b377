package com.cpor.claimservice.claim.web;

import com.cpor.claimservice.claim.application.ClaimView;
import com.cpor.claimservice.claim.domain.Claim;
import com.cpor.claimservice.claim.domain.ClaimAction;
import com.cpor.claimservice.claim.domain.Deadlines;
import com.cpor.claimservice.claim.domain.RequestedChanges;
import com.cpor.events.Activity;
import com.cpor.events.ClaimStatus;
import com.cpor.events.PartnerActionReason;
import com.cpor.events.Program;
import com.cpor.events.RejectionReason;
import com.cpor.events.SolutionArea;
import com.cpor.events.WithdrawalReason;
import com.cpor.platform.web.Versioned;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

@Schema(description = "A claim: the partner's fields plus what the platform keeps (status, documents, deadlines, decisions)")
public record ClaimResponse(
        @Schema(example = "c-3f2b8c1e-...") String id,
        ClaimStatus status,
        @Schema(description = "Derived from the activity; null for revenue association (recognition only)") Program program,
        String name,
        String partnerId,
        SolutionArea solutionArea,
        Activity activity,
        ClaimFields.Customer customer,
        List<ClaimFields.Product> products,
        ClaimFields.Contact customerContact,
        ClaimFields.Contact customerTechnicalContact,
        ClaimFields.Contact partnerContact,
        String solutionSellerName,
        String isvSolutionName,
        List<DocumentResponse> documents,
        DeadlinesResponse deadlines,
        RejectionResponse rejection,
        @Schema(description = "Whether another partner's active claim overlaps this one (same tenant and workload or "
                + "subscription); reviewers decide") boolean competing,
        @Schema(description = "The competing claims: shown to reviewers only, left out for partners (competing claims "
                + "are private)") @JsonInclude(JsonInclude.Include.NON_NULL) List<String> competingClaimIds,
        @Schema(description = "What the reviewer asked in the open partner-action request (null when none is open); "
                + "a resubmission that still claims a product of productsToRemove is refused with 409")
        RequestedChangesResponse requestedChanges,
        Eligibility eligibility,
        int disputeCount,
        @Schema(description = "What the partner can do with the claim in its current status") List<String> allowedActions,
        Instant submittedAt,
        Instant approvedAt,
        Instant createdAt,
        Instant updatedAt,
        long version,
        @Schema(description = "The organisation behind partnerId, from the partner directory") Organisation partnerOrganisation,
        @Schema(description = "The calendars the deadlines are counted in: the partner's country for partner-facing "
                + "deadlines, the review team's for reviewer SLAs, each with its time zone")
        ClaimView.DeadlineCalendars calendars) implements Versioned {

    public record Organisation(String partnerId, String name, String country, String timeZone) {
    }

    public record RejectionResponse(RejectionReason reason,
                                    @Schema(description = "The reviewer's comment, or for a withdrawal the partner's text")
                                    String comment, Instant at,
                                    @JsonProperty("final") @Schema(name = "final") boolean isFinal,
                                    @Schema(description = "Why the partner withdrew (reason PARTNER_REQUEST); null "
                                            + "otherwise and for claims withdrawn before reasons were codes")
                                    WithdrawalReason withdrawalReason) {
    }

    /**
     * The claim's deadlines as the API shows them: the domain's {@link Deadlines} may change without changing the
     * JSON (the schema keeps its name).
     */
    @Schema(name = "Deadlines")
    public record DeadlinesResponse(Instant reviewStartDueAt, Instant reviewDecisionDueAt, Instant partnerResponseDueAt,
                                    Instant consentWindowEndsAt, Instant disputeUntil, Instant disputeReviewDueAt,
                                    Instant decisionTargetDueAt) {

        static DeadlinesResponse of(Deadlines deadlines) {
            return deadlines == null ? null : new DeadlinesResponse(deadlines.reviewStartDueAt(),
                    deadlines.reviewDecisionDueAt(), deadlines.partnerResponseDueAt(), deadlines.consentWindowEndsAt(),
                    deadlines.disputeUntil(), deadlines.disputeReviewDueAt(), deadlines.decisionTargetDueAt());
        }
    }

    /** The open partner-action request as the API shows it (the domain's {@link RequestedChanges}). */
    @Schema(name = "RequestedChanges")
    public record RequestedChangesResponse(List<PartnerActionReason> reasons, String comment,
                                           List<String> productsToRemove, Instant requestedAt) {

        static RequestedChangesResponse of(RequestedChanges changes) {
            return changes == null ? null : new RequestedChangesResponse(changes.reasons(), changes.comment(),
                    changes.productsToRemove(), changes.requestedAt());
        }
    }

    public record Eligibility(@Schema(description = "When the association went to incentive-eligibility evaluation")
                              Instant sentAt) {
    }

    static ClaimResponse of(ClaimView view) {
        Claim claim = view.claim();
        ClaimFields details = ClaimFields.of(claim.details());
        return new ClaimResponse(claim.id(), claim.status(), claim.details().program(), details.name(), details.partnerId(),
                details.solutionArea(), details.activity(), details.customer(), details.products(),
                details.customerContact(), details.customerTechnicalContact(), details.partnerContact(),
                details.solutionSellerName(), details.isvSolutionName(),
                view.documents().stream().map(DocumentResponse::of).toList(),
                DeadlinesResponse.of(claim.deadlines()),
                claim.rejection() == null ? null : new RejectionResponse(claim.rejection().reason(),
                        claim.rejection().comment(), claim.rejection().at(), claim.rejection().finalDecision(),
                        claim.rejection().withdrawalReason()),
                claim.isCompeting(),
                view.showsCompetitors() ? claim.competingClaimIds() : null,
                RequestedChangesResponse.of(claim.requestedChanges()),
                new Eligibility(claim.eligibilitySentAt()),
                claim.disputeCount(),
                view.allowedActions().stream().map(ClaimAction::wireName).toList(),
                claim.submittedAt(), claim.approvedAt(), claim.createdAt(), claim.updatedAt(), claim.version(),
                claim.partnerOrganisation() == null ? null : new Organisation(claim.partnerOrganisation().partnerId(),
                        claim.partnerOrganisation().name(), claim.partnerOrganisation().country(),
                        claim.partnerOrganisation().timeZone()),
                view.calendars());
    }
}
