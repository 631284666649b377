package com.cpor.reviewservice.review.web;

import com.cpor.events.Actor;
import com.cpor.platform.security.Caller;
import com.cpor.platform.security.Roles;
import com.cpor.platform.web.IfMatch;
import com.cpor.platform.web.PageResponse;
import com.cpor.reviewservice.review.application.ReviewPolicies;
import com.cpor.reviewservice.review.application.ReviewWorkflow;
import com.cpor.reviewservice.review.application.ReviewWorkflow.ReviewerAct;
import com.cpor.reviewservice.review.domain.Review;
import com.cpor.reviewservice.review.domain.ReviewQuery;
import com.cpor.reviewservice.review.domain.ReviewStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

@RestController
@RequestMapping("/api/v1/reviews")
@PreAuthorize(Roles.REVIEWERS)
@Validated
@Tag(name = "Reviews", description = "The review queue and reviewer decisions (REVIEWER or REVIEW_LEAD)")
public class ReviewController {

    /** What If-Match problems call the resource. */
    private static final String REVIEW = "review";

    private final ReviewWorkflow workflow;
    private final Clock clock;
    private final ReviewPolicies policies;

    public ReviewController(ReviewWorkflow workflow, Clock clock, ReviewPolicies policies) {
        this.workflow = workflow;
        this.clock = clock;
        this.policies = policies;
    }

    @GetMapping
    @Operation(summary = "The review queue, most urgent deadline first",
            description = "Without a status filter: reviews still waiting for someone (queued, in review, "
                    + "awaiting the partner, disputes).")
    public PageResponse<ReviewView> queue(
            @RequestParam(required = false) @Parameter(description = "review statuses") List<ReviewStatus> status,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
            @Parameter(description = "only reviews whose current deadline is before this instant") Instant dueBefore,
            @RequestParam(defaultValue = "false") @Parameter(description = "only claims with competing claims") boolean competingOnly,
            @RequestParam(defaultValue = "false") @Parameter(description = "only reviews assigned to the caller") boolean assignedToMe,
            @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size,
            Caller caller) {
        Set<ReviewStatus> statuses = status == null || status.isEmpty()
                ? Set.of() : EnumSet.copyOf(status);
        ReviewQuery query = new ReviewQuery(statuses, dueBefore, competingOnly,
                assignedToMe ? caller.subject() : null, page, size);
        return PageResponse.of(workflow.queue(query).stream().map(this::view).toList(), page, size,
                workflow.queueSize(query));
    }

    @GetMapping("/{claimId}")
    @Operation(summary = "A review with the claim, its comments, the review history and competing claims")
    public ReviewDetailsView review(@PathVariable String claimId) {
        return ReviewDetailsView.of(workflow.file(claimId), clock.instant(), policies);
    }

    @PostMapping("/{claimId}/start")
    @Operation(summary = "Start the review: assigns the caller and starts the decision deadline")
    public ReviewView start(@PathVariable String claimId, IfMatch ifMatch, Caller caller) {
        return view(workflow.start(claimId, act(caller, ifMatch)));
    }

    @PostMapping("/{claimId}/request-partner-action")
    @Operation(summary = "Ask the partner for more information, with at least one reason and a comment")
    public ReviewView requestPartnerAction(@PathVariable String claimId,
                                           @Valid @RequestBody ReviewRequests.RequestPartnerAction request,
                                           IfMatch ifMatch, Caller caller) {
        return view(workflow.requestPartnerAction(claimId, act(caller, ifMatch), request.reasons(), request.comment(),
                request.productsToRemove()));
    }

    @PostMapping("/{claimId}/approve")
    @Operation(summary = "Approve the claim",
            description = "When the review shows a contactDomainWarning, contactDomainReason is required "
                    + "(400 naming it otherwise) and recorded in the review and claim history.")
    public ReviewView approve(@PathVariable String claimId,
                              @Valid @RequestBody(required = false) ReviewRequests.Approve request, IfMatch ifMatch,
                              Caller caller) {
        return view(workflow.approve(claimId, act(caller, ifMatch), request == null ? null : request.comment(),
                request == null ? null : request.contactDomainReason()));
    }

    @PostMapping("/{claimId}/reject")
    @Operation(summary = "Reject the claim with a reviewer reason")
    public ReviewView reject(@PathVariable String claimId, @Valid @RequestBody ReviewRequests.Reject request,
                             IfMatch ifMatch, Caller caller) {
        return view(workflow.reject(claimId, act(caller, ifMatch), request.reason(), request.comment()));
    }

    @PostMapping("/{claimId}/dispute-decision")
    @Operation(summary = "Decide a dispute: OVERTURN (approve) or UPHOLD (final rejection)",
            description = "An OVERTURN needs contactDomainReason like an approval. claim-service re-checks exclusivity "
                    + "as for a submission: while another active claim holds an overlapping workload or subscription of "
                    + "the tenant, the overturn is refused, both claims are flagged competing and the dispute opens "
                    + "again (new dispute-review deadline) for a decision beside the competing claim.")
    public ReviewView decideDispute(@PathVariable String claimId,
                                    @Valid @RequestBody ReviewRequests.DisputeDecision request, IfMatch ifMatch,
                                    Caller caller) {
        return view(workflow.decideDispute(claimId, act(caller, ifMatch), request.outcome(), request.comment(),
                request.contactDomainReason()));
    }

    @PostMapping("/{claimId}/reassign")
    @PreAuthorize("hasRole('" + Roles.REVIEW_LEAD + "')")
    @Operation(summary = "Hand the review to another reviewer (review leads only)",
            description = "Publishes review.reassigned: partner comments and escalations go to the new reviewer.")
    public ReviewView reassign(@PathVariable String claimId, @Valid @RequestBody ReviewRequests.Reassign request,
                               IfMatch ifMatch, Caller caller) {
        Actor reviewer = new Actor(request.reviewerId(), request.reviewerName(), request.reviewerEmail(),
                Actor.ActorKind.REVIEWER);
        return view(workflow.reassign(claimId, caller.asActor(Actor.ActorKind.REVIEWER), reviewer,
                version -> ifMatch.check(REVIEW, version)));
    }

    private ReviewView view(Review review) {
        return ReviewView.of(review, clock.instant(), policies);
    }

    private static ReviewerAct act(Caller caller, IfMatch ifMatch) {
        return new ReviewerAct(caller.asActor(Actor.ActorKind.REVIEWER), caller.hasRole(Roles.REVIEW_LEAD),
                version -> ifMatch.check(REVIEW, version));
    }
}
