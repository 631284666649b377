package com.cpor.reviewservice.review.web;

import com.cpor.events.Actor;
import com.cpor.platform.security.Caller;
import com.cpor.platform.security.Roles;
import com.cpor.platform.web.IfMatch;
import com.cpor.platform.web.NotFoundProblem;
import com.cpor.platform.web.PageResponse;
import com.cpor.platform.web.ProblemDetailsAdvice;
import com.cpor.reviewservice.review.application.ReviewArrivals;
import com.cpor.reviewservice.review.application.ReviewPolicies;
import com.cpor.reviewservice.review.application.ReviewWorkflow.ReviewerAct;
import com.cpor.reviewservice.review.application.ReviewWorkflow;
import com.cpor.reviewservice.review.domain.Review;
import com.cpor.reviewservice.review.domain.ReviewNotFoundException;
import com.cpor.reviewservice.review.domain.ReviewQuery;
import com.cpor.reviewservice.review.domain.ReviewStatus;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
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
    private final ReviewArrivals arrivals;
    private final ProblemDetailsAdvice problems;

    public ReviewController(ReviewWorkflow workflow, Clock clock, ReviewPolicies policies, ReviewArrivals arrivals,
                            ProblemDetailsAdvice problems) {
        this.workflow = workflow;
        this.clock = clock;
        this.policies = policies;
        this.arrivals = arrivals;
        this.problems = problems;
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
    @Operation(summary = "A review with the claim, its comments, the review history and competing claims",
            description = "A reviewer who waits for a submitted claim's review sends `Prefer: wait=<seconds>` (RFC 7240) "
                    + "instead of polling: while the review does not exist yet the request is held until it is created "
                    + "(then 200) or the wait ends (then 404), at most `cpor.review.wait.max-wait` (20 s) and never "
                    + "beyond the token's expiry; the answer then carries `Preference-Applied: wait=<seconds granted>`. "
                    + "An existing review, a malformed or zero wait, or too many waiting requests answer at once.")
    @Parameter(in = ParameterIn.HEADER, name = PreferWait.PREFER, required = false,
            description = "`wait=<seconds>` (RFC 7240): wait for a review that does not exist yet",
            schema = @Schema(type = "string", example = "wait=20"))
    @ApiResponse(responseCode = "200", description = "OK", headers = @Header(name = PreferWait.PREFERENCE_APPLIED,
            description = "`wait=<seconds>` when the request waited for the review (RFC 7240)",
            schema = @Schema(type = "string")))
    public ReviewDetailsView review(@PathVariable String claimId) {
        return details(workflow.findFile(claimId).orElseThrow(() -> new ReviewNotFoundException(claimId)));
    }

    /**
     * The same GET with a {@code Prefer} header (documented above): when the review does not exist yet, the request
     * waits asynchronously (no thread held) for its creation. Method security has admitted the caller before this
     * runs, so nobody unauthorised waits; the answer goes out through the async dispatch, which the security filter
     * chain checks again, and never after the token expired.
     */
    @Hidden
    @GetMapping(path = "/{claimId}", headers = PreferWait.PREFER)
    public DeferredResult<ResponseEntity<?>> reviewOnceItExists(@PathVariable String claimId,
                                                               @RequestHeader(PreferWait.PREFER) List<String> prefer,
                                                               @AuthenticationPrincipal Jwt token,
                                                               HttpServletResponse response) {
        Duration wait = granted(PreferWait.requested(prefer), token);
        DeferredResult<ResponseEntity<?>> answer = new DeferredResult<>(Math.max(1, wait.toMillis()));
        if (wait.isZero()) {
            answer.setResult(current(claimId));
            return answer;
        }
        Optional<ReviewArrivals.Waiter> registered = arrivals.await(claimId, () -> answerNow(answer, claimId));
        if (registered.isEmpty()) {
            // too many waiting: answered as without the preference
            answer.setResult(current(claimId));
            return answer;
        }
        ReviewArrivals.Waiter waiter = registered.get();
        try {
            // registered first, then looked: a review committed in between wakes the waiter, it is never missed
            Optional<ReviewWorkflow.ReviewFile> file = workflow.findFile(claimId);
            if (file.isPresent()) {
                waiter.cancel();
                answer.setResult(ResponseEntity.ok(details(file.get())));
                return answer;
            }
        } catch (RuntimeException e) {
            waiter.cancel();
            throw e;
        }
        response.setHeader(PreferWait.PREFERENCE_APPLIED, "wait=" + wait.toSeconds());
        // the wait's end looks once more: the review may come from another instance, whose commit sends no signal here
        answer.onTimeout(() -> answerNow(answer, claimId));
        answer.onCompletion(waiter::cancel);
        answer.onError(error -> waiter.cancel());
        return answer;
    }

    /** What the client asked for, within the configured maximum and the token's remaining life (whole seconds). */
    private Duration granted(Optional<Duration> requested, Jwt token) {
        if (requested.isEmpty()) {
            return Duration.ZERO;
        }
        Duration wait = min(requested.get(), arrivals.maxWait());
        if (token != null && token.getExpiresAt() != null) {
            // the token's expiry is wall-clock time, whatever clock the service's rules run on
            wait = min(wait, Duration.between(Instant.now(), token.getExpiresAt()));
        }
        return wait.isNegative() ? Duration.ZERO : Duration.ofSeconds(wait.toSeconds());
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private void answerNow(DeferredResult<ResponseEntity<?>> answer, String claimId) {
        if (answer.isSetOrExpired()) {
            return;
        }
        try {
            answer.setResult(current(claimId));
        } catch (RuntimeException e) {
            answer.setErrorResult(e);
        }
    }

    /** The GET's answer as it stands: the review (its ETag added by the platform's advice) or the 404 problem. */
    private ResponseEntity<?> current(String claimId) {
        return workflow.findFile(claimId).<ResponseEntity<?>>map(file -> ResponseEntity.ok(details(file)))
                .orElseGet(() -> problems.apiProblem(new NotFoundProblem(ReviewProblems.REVIEW_OF_CLAIM, claimId)));
    }

    private ReviewDetailsView details(ReviewWorkflow.ReviewFile file) {
        return ReviewDetailsView.of(file, clock.instant(), policies);
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
