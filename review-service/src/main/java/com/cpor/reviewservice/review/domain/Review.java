package com.cpor.reviewservice.review.domain;

import com.cpor.events.Actor;
import com.cpor.events.ClaimSnapshot;
import com.cpor.events.ClaimStatus;
import com.cpor.events.PartnerActionReason;
import com.cpor.events.RejectionReason;
import com.cpor.events.reviews.DecisionTargetBreached;
import com.cpor.events.reviews.DisputeDecided;
import com.cpor.events.reviews.PartnerActionRequested;
import com.cpor.events.reviews.PartnerResponseReminderDue;
import com.cpor.events.reviews.ReviewApproved;
import com.cpor.events.reviews.ReviewQueued;
import com.cpor.events.reviews.ReviewReassigned;
import com.cpor.events.reviews.ReviewRejected;
import com.cpor.events.reviews.ReviewSlaBreached;
import com.cpor.events.reviews.ReviewStarted;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The review of one claim: who works it, which round it is in, and the deadlines of that round.
 * A round starts when the claim is queued (submitted, resubmitted) or disputed; timers carry their round,
 * so a timer of an earlier round never acts on a later one. Decisions return the event to publish.
 */
public final class Review {

    /** The actor review-service's own decisions (deadline expiry) are made by. */
    public static final Actor SYSTEM = Actor.system("review-service");

    private final String claimId;
    private ReviewStatus status;
    private ClaimStatus claimStatus;
    private int round;
    private Actor assignedReviewer;
    private ReviewDeadlines deadlines;
    private ClaimSnapshot claim;
    private List<String> competingClaimIds;
    private UUID lastOutcomeEventId;
    /** The overall decision target (§8): runs from submission to a decision, paused while the partner is asked to act. */
    private Instant decisionTargetDueAt;
    private Instant decisionTargetPausedAt;
    private final Instant queuedAt;
    private Instant updatedAt;
    /** +1 with every stored change: the API's ETag. */
    private long version;

    public Review(String claimId, ReviewStatus status, ClaimStatus claimStatus, int round, Actor assignedReviewer,
                  ReviewDeadlines deadlines, ClaimSnapshot claim, List<String> competingClaimIds,
                  UUID lastOutcomeEventId, Instant decisionTargetDueAt, Instant decisionTargetPausedAt,
                  Instant queuedAt, Instant updatedAt, long version) {
        this.claimId = Objects.requireNonNull(claimId);
        this.status = Objects.requireNonNull(status);
        this.claimStatus = claimStatus;
        this.round = round;
        this.assignedReviewer = assignedReviewer;
        this.deadlines = deadlines == null ? ReviewDeadlines.NONE : deadlines;
        this.claim = claim;
        this.competingClaimIds = competingClaimIds == null ? List.of() : List.copyOf(competingClaimIds);
        this.lastOutcomeEventId = lastOutcomeEventId;
        this.decisionTargetDueAt = decisionTargetDueAt;
        this.decisionTargetPausedAt = decisionTargetPausedAt;
        this.queuedAt = queuedAt;
        this.updatedAt = updatedAt;
        this.version = version;
    }

    /** A submitted claim enters the queue (round 1); the overall decision target starts with it. */
    public static Review queue(String claimId, ClaimSnapshot claim, Instant now, Instant reviewStartDueAt,
                               Instant decisionTargetDueAt) {
        return new Review(claimId, ReviewStatus.QUEUED, ClaimStatus.SUBMITTED, 1, null,
                ReviewDeadlines.NONE.withReviewStartDueAt(reviewStartDueAt), claim,
                claim == null ? List.of() : claim.competingClaimIds(), null, decisionTargetDueAt, null, now, now, 1);
    }

    /** What the claim shows of this round: the review-start or dispute-review due time and the decision target. */
    public ReviewQueued queuedEvent(Instant now) {
        return new ReviewQueued(UUID.randomUUID(), now, claimId, deadlines.reviewStartDueAt(),
                deadlines.disputeReviewDueAt(), decisionTargetDueAt);
    }

    /**
     * The partner answered a partner-action request: a new round, back to the same reviewer. The decision target
     * resumes, moved on by the pause ({@code resumedDecisionTargetDueAt}, computed from {@link #decisionTargetPausedAt}).
     */
    public ReviewQueued requeueAfterResubmission(ClaimSnapshot resubmitted, Instant now, Instant reviewStartDueAt,
                                                 Instant resumedDecisionTargetDueAt) {
        round++;
        status = ReviewStatus.QUEUED;
        claimStatus = ClaimStatus.SUBMITTED;
        deadlines = ReviewDeadlines.NONE.withReviewStartDueAt(reviewStartDueAt);
        decisionTargetDueAt = resumedDecisionTargetDueAt;
        decisionTargetPausedAt = null;
        lastOutcomeEventId = null;
        updateClaim(resubmitted);
        updatedAt = now;
        return queuedEvent(now);
    }

    /** The partner disputed the rejection: a new round for the dispute decision, announced like a queued review. */
    public ReviewQueued openDispute(ClaimSnapshot disputed, Instant now, Instant disputeReviewDueAt) {
        round++;
        status = ReviewStatus.DISPUTE_OPEN;
        claimStatus = ClaimStatus.DISPUTED;
        deadlines = ReviewDeadlines.NONE.withDisputeReviewDueAt(disputeReviewDueAt);
        clearDecisionTarget();
        lastOutcomeEventId = null;
        updateClaim(disputed);
        updatedAt = now;
        return queuedEvent(now);
    }

    /** Assigns the caller and starts the decision clock; a resubmission waits for its assigned reviewer (or a lead). */
    public ReviewStarted start(Actor caller, boolean lead, Instant now, Instant decisionDueAt) {
        require(ReviewAction.START, caller, lead);
        assignedReviewer = caller;
        status = ReviewStatus.IN_REVIEW;
        deadlines = deadlines.withDecisionDueAt(decisionDueAt);
        updatedAt = now;
        return remember(new ReviewStarted(UUID.randomUUID(), now, claimId, caller, decisionDueAt));
    }

    public PartnerActionRequested requestPartnerAction(Actor caller, boolean lead, List<PartnerActionReason> reasons,
                                                       String comment, List<String> productsToRemove, Instant now,
                                                       Instant respondBy) {
        require(ReviewAction.REQUEST_PARTNER_ACTION, caller, lead);
        if (reasons == null || reasons.isEmpty()) {
            throw new InvalidReviewInputException("reasons", "at least one reason is required, one of "
                    + Arrays.toString(PartnerActionReason.values()));
        }
        if (comment == null || comment.isBlank()) {
            throw new InvalidReviewInputException("comment", "a comment for the partner is required");
        }
        List<String> removals = productsToRemove == null ? List.of() : List.copyOf(productsToRemove);
        List<String> claimedProducts = claim == null || claim.products() == null ? List.of()
                : claim.products().stream().map(ClaimSnapshot.Product::code).toList();
        for (String product : removals) {
            if (!claimedProducts.isEmpty() && !claimedProducts.contains(product)) {
                throw new InvalidReviewInputException("productsToRemove", product + " is not a product of this claim");
            }
        }
        status = ReviewStatus.AWAITING_PARTNER;
        deadlines = deadlines.withPartnerResponseDueAt(respondBy);
        if (decisionTargetDueAt != null) {
            // the time the partner needs does not count against the decision target
            decisionTargetPausedAt = now;
        }
        updatedAt = now;
        return remember(new PartnerActionRequested(UUID.randomUUID(), now, claimId, caller,
                List.copyOf(reasons), comment, removals, respondBy));
    }

    public ReviewApproved approve(Actor caller, boolean lead, String comment, String contactDomainReason, Instant now) {
        require(ReviewAction.APPROVE, caller, lead);
        String reason = requireContactDomainReason(contactDomainReason);
        decided(now);
        return remember(new ReviewApproved(UUID.randomUUID(), now, claimId, caller, comment, reason));
    }

    /** The contact-domain warning of the claim as reviewers see it now, if any. */
    public Optional<ContactDomainWarning> contactDomainWarning() {
        return ContactDomainWarning.of(claim);
    }

    /** An approval despite a contact-domain warning must say why; without a warning a reason is not kept. */
    private String requireContactDomainReason(String reason) {
        Optional<ContactDomainWarning> warning = contactDomainWarning();
        if (warning.isEmpty()) {
            return null;
        }
        if (reason == null || reason.isBlank()) {
            throw new InvalidReviewInputException(ContactDomainWarning.REASON_FIELD, "is required: "
                    + warning.get().explanation() + "; say why the customer's opt-out notice may go there");
        }
        return reason.strip();
    }

    public ReviewRejected reject(Actor caller, boolean lead, RejectionReason reason, String comment, Instant now) {
        require(ReviewAction.REJECT, caller, lead);
        if (reason == null || !reason.isReviewerReason()) {
            throw new InvalidReviewInputException("reason", "must be one of INSUFFICIENT_POE, "
                    + "MISSING_CUSTOMER_CONSENT_ON_POE, MISSING_PRODUCTS, POE_UNAVAILABLE");
        }
        decided(now);
        return remember(new ReviewRejected(UUID.randomUUID(), now, claimId, caller, reason, comment));
    }

    public DisputeDecided decideDispute(Actor caller, boolean lead, DisputeDecided.Outcome outcome, String comment,
                                        String contactDomainReason, Instant now) {
        require(ReviewAction.DECIDE_DISPUTE, caller, lead);
        if (outcome == null) {
            throw new InvalidReviewInputException("outcome", "must be OVERTURN or UPHOLD");
        }
        // an overturn approves: the customer's opt-out notice goes out just as after an approval
        String reason = outcome == DisputeDecided.Outcome.OVERTURN ? requireContactDomainReason(contactDomainReason) : null;
        if (assignedReviewer == null) {
            assignedReviewer = caller;
        }
        decided(now);
        return remember(new DisputeDecided(UUID.randomUUID(), now, claimId, caller, outcome, comment, reason));
    }

    /** A review lead hands the review to another reviewer; the deadlines keep running. The event tells the others. */
    public ReviewReassigned reassign(Actor lead, Actor newReviewer, Instant now) {
        if (!ReviewAction.REASSIGN.isAllowedIn(status)) {
            throw new ReviewActionNotAllowedException(ReviewAction.REASSIGN, status, claimStatus);
        }
        Actor previous = assignedReviewer;
        assignedReviewer = newReviewer;
        updatedAt = now;
        return new ReviewReassigned(UUID.randomUUID(), now, claimId, previous, newReviewer, lead);
    }

    /** The decision target of {@code timerRound} passed without a decision: escalate, change nothing. */
    public Optional<DecisionTargetBreached> decisionTargetBreach(int timerRound, Instant now) {
        boolean undecided = status == ReviewStatus.QUEUED || status == ReviewStatus.IN_REVIEW;
        if (timerRound != round || !undecided || decisionTargetDueAt == null) {
            return Optional.empty();
        }
        return Optional.of(new DecisionTargetBreached(UUID.randomUUID(), now, claimId, decisionTargetDueAt,
                assignedReviewer));
    }

    /** The partner-response deadline of {@code timerRound} passed: the platform rejects the claim. */
    public Optional<ReviewRejected> expirePartnerResponse(int timerRound, Instant now) {
        if (status != ReviewStatus.AWAITING_PARTNER || timerRound != round) {
            return Optional.empty();
        }
        Instant respondBy = deadlines.partnerResponseDueAt();
        decided(now);
        return Optional.of(remember(new ReviewRejected(UUID.randomUUID(), now, claimId, SYSTEM,
                RejectionReason.NO_PARTNER_RESPONSE, "The partner did not respond by " + respondBy)));
    }

    public Optional<PartnerResponseReminderDue> partnerResponseReminder(int timerRound, Instant now) {
        if (status != ReviewStatus.AWAITING_PARTNER || timerRound != round) {
            return Optional.empty();
        }
        return Optional.of(new PartnerResponseReminderDue(UUID.randomUUID(), now, claimId,
                deadlines.partnerResponseDueAt()));
    }

    /** The SLA of a stage passed while the review still waits in that stage: escalate, change nothing. */
    public Optional<ReviewSlaBreached> slaBreach(ReviewSlaBreached.Stage stage, int timerRound, Instant now) {
        if (timerRound != round) {
            return Optional.empty();
        }
        return switch (stage) {
            case REVIEW_START -> breachIf(status == ReviewStatus.QUEUED, stage, deadlines.reviewStartDueAt(), now);
            case REVIEW_DECISION -> breachIf(status == ReviewStatus.IN_REVIEW, stage, deadlines.decisionDueAt(), now);
            case DISPUTE_REVIEW -> breachIf(status == ReviewStatus.DISPUTE_OPEN, stage, deadlines.disputeReviewDueAt(), now);
        };
    }

    /**
     * claim-service moved the claim. Approval and rejection end the review; a withdrawal closes it.
     *
     * @return true if the review just ended (its timers should stop)
     */
    public boolean claimStatusChanged(ClaimStatus newStatus, ClaimSnapshot snapshot, boolean withdrawal, Instant now) {
        claimStatus = newStatus;
        updateClaim(snapshot);
        updatedAt = now;
        if (withdrawal) {
            return close();
        }
        if ((newStatus == ClaimStatus.APPROVED || newStatus == ClaimStatus.REJECTED) && status.isOpen()) {
            decided(now);
            return true;
        }
        return false;
    }

    /** The partner withdrew the claim. @return true if the review was still open */
    public boolean withdrawn(ClaimSnapshot snapshot, Instant now) {
        claimStatus = ClaimStatus.REJECTED;
        updateClaim(snapshot);
        updatedAt = now;
        return close();
    }

    /**
     * claim-service refused an outcome because the claim had moved on. If it was this review's latest
     * decision, the review is closed rather than retried; refusals of older events change nothing.
     *
     * @return true if the review was closed
     */
    public boolean outcomeRefused(UUID refusedEventId, ClaimStatus currentStatus, Instant now) {
        if (!isLatestOutcome(refusedEventId)) {
            return false;
        }
        if (currentStatus != null) {
            claimStatus = currentStatus;
        }
        updatedAt = now;
        return close();
    }

    /**
     * claim-service refused this review's dispute decision while the claim is still DISPUTED: the overturn would have
     * given a workload a second partner of record (exclusivity, §8). The dispute is open again, in a new round with its
     * own deadline, for a decision beside the competing claims.
     *
     * @return the event announcing the reopened dispute, or empty if the refusal is not about the latest decision
     */
    public Optional<ReviewQueued> reopenRefusedDispute(UUID refusedEventId, ClaimStatus currentStatus, Instant now,
                                                       Instant disputeReviewDueAt) {
        if (!isLatestOutcome(refusedEventId) || currentStatus != ClaimStatus.DISPUTED) {
            return Optional.empty();
        }
        return Optional.of(openDispute(null, now, disputeReviewDueAt));
    }

    private boolean isLatestOutcome(UUID refusedEventId) {
        return refusedEventId != null && refusedEventId.equals(lastOutcomeEventId) && status != ReviewStatus.CLOSED;
    }

    public void competingClaimsDetected(List<String> competing, ClaimSnapshot snapshot, Instant now) {
        if (competing != null) {
            competingClaimIds = List.copyOf(competing);
        }
        updateClaim(snapshot);
        updatedAt = now;
    }

    /** A newer snapshot of the claim (edits, comments) for reviewers to see. */
    public void claimUpdated(ClaimSnapshot snapshot, Instant now) {
        updateClaim(snapshot);
        updatedAt = now;
    }

    /** The due time of whatever the review waits for now; drives queue sorting and the "due before" filter. */
    public Instant currentDueAt() {
        return switch (status) {
            case QUEUED -> deadlines.reviewStartDueAt();
            case IN_REVIEW -> deadlines.decisionDueAt();
            case AWAITING_PARTNER -> deadlines.partnerResponseDueAt();
            case DISPUTE_OPEN -> deadlines.disputeReviewDueAt();
            case DECIDED, CLOSED -> null;
        };
    }

    public List<ReviewAction> allowedActions() {
        return ReviewAction.allowedIn(status);
    }

    private void require(ReviewAction action, Actor caller, boolean lead) {
        if (!action.isAllowedIn(status)) {
            throw new ReviewActionNotAllowedException(action, status, claimStatus);
        }
        if (assignedReviewer != null && !lead && !sameReviewer(caller)) {
            throw new ReviewAssignedElsewhereException(claimId, assignedReviewer.id());
        }
    }

    private boolean sameReviewer(Actor caller) {
        return assignedReviewer != null && assignedReviewer.id().equals(caller.id());
    }

    private void decided(Instant now) {
        status = ReviewStatus.DECIDED;
        deadlines = ReviewDeadlines.NONE;
        clearDecisionTarget();
        updatedAt = now;
    }

    private boolean close() {
        boolean wasOpen = status.isOpen() || status == ReviewStatus.DECIDED;
        status = ReviewStatus.CLOSED;
        deadlines = ReviewDeadlines.NONE;
        clearDecisionTarget();
        return wasOpen;
    }

    private void clearDecisionTarget() {
        decisionTargetDueAt = null;
        decisionTargetPausedAt = null;
    }

    private <E> E remember(E outcome) {
        lastOutcomeEventId = switch (outcome) {
            case ReviewStarted e -> e.eventId();
            case PartnerActionRequested e -> e.eventId();
            case ReviewApproved e -> e.eventId();
            case ReviewRejected e -> e.eventId();
            case DisputeDecided e -> e.eventId();
            default -> lastOutcomeEventId;
        };
        return outcome;
    }

    private Optional<ReviewSlaBreached> breachIf(boolean stillWaiting, ReviewSlaBreached.Stage stage, Instant dueAt,
                                                 Instant now) {
        return stillWaiting
                ? Optional.of(new ReviewSlaBreached(UUID.randomUUID(), now, claimId, stage, dueAt, assignedReviewer))
                : Optional.empty();
    }

    /**
     * Keeps the newest snapshot: a claim's events arrive in order, but a replayed or redelivered event can carry
     * an older one (a lower claim {@code version}), which must not overwrite what reviewers see.
     */
    private void updateClaim(ClaimSnapshot snapshot) {
        if (snapshot != null && (claim == null || snapshot.version() >= claim.version())) {
            claim = snapshot;
            if (snapshot.competingClaimIds() != null && !snapshot.competingClaimIds().isEmpty()) {
                competingClaimIds = List.copyOf(snapshot.competingClaimIds());
            }
        }
    }

    public String claimId() { return claimId; }
    public ReviewStatus status() { return status; }
    public ClaimStatus claimStatus() { return claimStatus; }
    public int round() { return round; }
    public Actor assignedReviewer() { return assignedReviewer; }
    public ReviewDeadlines deadlines() { return deadlines; }
    public ClaimSnapshot claim() { return claim; }
    public List<String> competingClaimIds() { return competingClaimIds; }
    public boolean isCompeting() { return !competingClaimIds.isEmpty(); }
    public UUID lastOutcomeEventId() { return lastOutcomeEventId; }
    /** The overall decision target; null once decided, and while paused (see {@link #decisionTargetPausedAt}). */
    public Instant decisionTargetDueAt() { return decisionTargetPausedAt == null ? decisionTargetDueAt : null; }
    /** The target as set, kept while paused so that a resubmission can move it on by the pause. */
    public Instant decisionTarget() { return decisionTargetDueAt; }
    public Instant decisionTargetPausedAt() { return decisionTargetPausedAt; }
    public Instant queuedAt() { return queuedAt; }
    public Instant updatedAt() { return updatedAt; }
    public long version() { return version; }

    /** The repository stored this review's changes: its version moves on. */
    public void changesStored() {
        version++;
    }
}
