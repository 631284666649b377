package com.cpor.reviewservice.review.application;

import com.cpor.events.Actor;
import com.cpor.events.PartnerActionReason;
import com.cpor.events.RejectionReason;
import com.cpor.events.reviews.DisputeDecided;
import com.cpor.events.reviews.ReviewApproved;
import com.cpor.events.reviews.ReviewReassigned;
import com.cpor.events.reviews.ReviewEvent;
import com.cpor.platform.outbox.Outbox;
import com.cpor.reviewservice.review.domain.Review;
import com.cpor.reviewservice.review.domain.ReviewComment;
import com.cpor.reviewservice.review.domain.ReviewHistoryEntry;
import com.cpor.reviewservice.review.domain.ReviewNotFoundException;
import com.cpor.reviewservice.review.domain.ReviewQuery;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.LongConsumer;

/**
 * The reviewers' use cases. Each decision changes the review, appends its event to the outbox and moves
 * the review's timers in one transaction; claim-service applies the outcome to the claim.
 */
@Service
public class ReviewWorkflow {

    private final ReviewRepository reviews;
    private final Outbox outbox;
    private final ReviewTimers timers;
    private final ReviewPolicies policies;
    private final Clock clock;

    public ReviewWorkflow(ReviewRepository reviews, Outbox outbox, ReviewTimers timers, ReviewPolicies policies,
                          Clock clock) {
        this.reviews = reviews;
        this.outbox = outbox;
        this.timers = timers;
        this.policies = policies;
        this.clock = clock;
    }

    /**
     * A reviewer (or lead) acting, with whether they are a review lead, and the precondition of their act: called
     * with the locked review's version before anything changes (the web layer's If-Match check).
     */
    public record ReviewerAct(Actor reviewer, boolean lead, LongConsumer precondition) {

        public ReviewerAct(Actor reviewer, boolean lead) {
            this(reviewer, lead, version -> {
            });
        }
    }

    @Transactional(readOnly = true)
    public List<Review> queue(ReviewQuery query) {
        return reviews.search(query);
    }

    /** How many reviews the queue's filters match, over all pages. */
    @Transactional(readOnly = true)
    public long queueSize(ReviewQuery query) {
        return reviews.count(query);
    }

    /**
     * The review and what reviewers see beside it, or empty when the claim has no review (yet). Empty is an answer,
     * not an exception: a reviewer waiting for a claim asks until it is there, and each miss used to cost a thrown
     * exception and a rolled-back transaction; now it commits its one read.
     */
    @Transactional(readOnly = true)
    public Optional<ReviewFile> findFile(String claimId) {
        return reviews.find(claimId).map(review -> new ReviewFile(review, reviews.history(claimId),
                reviews.comments(claimId), reviews.findAll(review.competingClaimIds())));
    }

    /** A review with what reviewers see beside it: its history, the claim's comments and competing claims. */
    public record ReviewFile(Review review, List<ReviewHistoryEntry> history, List<ReviewComment> comments,
                             List<Review> competingReviews) {
    }

    @Transactional
    public Review start(String claimId, ReviewerAct act) {
        return decide(claimId, act, "started", review -> {
            Instant now = clock.instant();
            return review.start(act.reviewer(), act.lead(), now, policies.decisionDue(now));
        }, review -> "decision due by " + review.deadlines().decisionDueAt());
    }

    @Transactional
    public Review requestPartnerAction(String claimId, ReviewerAct act, List<PartnerActionReason> reasons,
                                       String comment, List<String> productsToRemove) {
        return decide(claimId, act, "partner-action-requested", review -> {
            Instant now = clock.instant();
            return review.requestPartnerAction(act.reviewer(), act.lead(), reasons, comment, productsToRemove, now,
                    policies.partnerResponseDue(now, review.claim()));
        }, review -> "reasons " + reasons + "; respond by " + review.deadlines().partnerResponseDueAt());
    }

    @Transactional
    public Review approve(String claimId, ReviewerAct act, String comment, String contactDomainReason) {
        return decide(claimId, act, "approved",
                review -> review.approve(act.reviewer(), act.lead(), comment, contactDomainReason, clock.instant()),
                (review, event) -> withContactDomainReason(comment, ((ReviewApproved) event).contactDomainReason()));
    }

    @Transactional
    public Review reject(String claimId, ReviewerAct act, RejectionReason reason, String comment) {
        return decide(claimId, act, "rejected",
                review -> review.reject(act.reviewer(), act.lead(), reason, comment, clock.instant()),
                review -> reason + (comment == null ? "" : ": " + comment));
    }

    @Transactional
    public Review decideDispute(String claimId, ReviewerAct act, DisputeDecided.Outcome outcome, String comment,
                                String contactDomainReason) {
        return decide(claimId, act, "dispute-decided",
                review -> review.decideDispute(act.reviewer(), act.lead(), outcome, comment, contactDomainReason,
                        clock.instant()),
                (review, event) -> outcome + withContactDomainReason(comment == null ? "" : ": " + comment,
                        ((DisputeDecided) event).contactDomainReason()));
    }

    /** The new reviewer gets the review; the event lets comments and escalations follow them. */
    @Transactional
    public Review reassign(String claimId, Actor lead, Actor newReviewer, LongConsumer precondition) {
        Review review = reviews.lock(claimId).orElseThrow(() -> new ReviewNotFoundException(claimId));
        precondition.accept(review.version());
        ReviewReassigned reassigned = review.reassign(lead, newReviewer, clock.instant());
        reviews.update(review);
        outbox.append(reassigned);
        reviews.appendHistory(claimId, new ReviewHistoryEntry(clock.instant(), lead, "reassigned",
                "from " + (reassigned.previousReviewer() == null ? "nobody" : reassigned.previousReviewer().id())
                        + " to " + newReviewer.id()));
        return review;
    }

    private static String withContactDomainReason(String detail, String contactDomainReason) {
        String text = detail == null ? "" : detail;
        return contactDomainReason == null ? text
                : text + (text.isEmpty() ? "" : "; ") + "contact-domain warning, approved because: " + contactDomainReason;
    }

    private Review decide(String claimId, ReviewerAct act, String action, Function<Review, ReviewEvent> decision,
                          Function<Review, String> detail) {
        return decide(claimId, act, action, decision, (review, event) -> detail.apply(review));
    }

    private Review decide(String claimId, ReviewerAct act, String action, Function<Review, ReviewEvent> decision,
                          BiFunction<Review, ReviewEvent, String> detail) {
        Review review = reviews.lock(claimId).orElseThrow(() -> new ReviewNotFoundException(claimId));
        act.precondition().accept(review.version());
        ReviewEvent event = decision.apply(review);
        reviews.update(review);
        outbox.append(event);
        timers.sync(review);
        reviews.appendHistory(claimId, new ReviewHistoryEntry(event.occurredAt(), act.reviewer(), action,
                detail.apply(review, event)));
        return review;
    }
}
