package com.cpor.reviewservice.review.application;

import com.cpor.events.Actor;
import com.cpor.events.ClaimSnapshot;
import com.cpor.events.ClaimStatus;
import com.cpor.events.RejectionReason;
import com.cpor.events.claims.ClaimDisputed;
import com.cpor.events.claims.ClaimEdited;
import com.cpor.events.claims.ClaimEvent;
import com.cpor.events.claims.ClaimOutcomeRefused;
import com.cpor.events.claims.ClaimResubmitted;
import com.cpor.events.claims.ClaimSentToEvaluation;
import com.cpor.events.claims.ClaimStatusChanged;
import com.cpor.events.claims.ClaimSubmitted;
import com.cpor.events.claims.ClaimWithdrawn;
import com.cpor.events.claims.CommentAdded;
import com.cpor.events.claims.CompetingClaimsDetected;
import com.cpor.events.reviews.ReviewQueued;
import com.cpor.platform.messaging.PoisonEventException;
import com.cpor.platform.outbox.Outbox;
import com.cpor.reviewservice.review.domain.Review;
import com.cpor.reviewservice.review.domain.ReviewComment;
import com.cpor.reviewservice.review.domain.ReviewHistoryEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What review-service does with claim-service's events. Runs inside the inbox transaction of each event,
 * so a redelivery changes nothing. Events about claims that never reached review are ignored.
 */
@Service
public class ClaimEventReactions {

    private static final Logger log = LoggerFactory.getLogger(ClaimEventReactions.class);

    private final ReviewRepository reviews;
    private final Outbox outbox;
    private final ReviewTimers timers;
    private final ReviewPolicies policies;
    private final Clock clock;
    private final ReviewArrivals arrivals;

    public ClaimEventReactions(ReviewRepository reviews, Outbox outbox, ReviewTimers timers, ReviewPolicies policies,
                               Clock clock, ReviewArrivals arrivals) {
        this.reviews = reviews;
        this.outbox = outbox;
        this.timers = timers;
        this.policies = policies;
        this.clock = clock;
        this.arrivals = arrivals;
    }

    public void apply(ClaimEvent event) {
        ClaimSnapshot snapshot = snapshotOf(event);
        if (snapshot != null && snapshot.claimId() != null && !snapshot.claimId().equals(event.claimId())) {
            // applying it would file one claim's data under another's review
            throw new PoisonEventException("Event " + event.eventId() + " for claim " + event.claimId()
                    + " carries a snapshot of claim " + snapshot.claimId());
        }
        switch (event) {
            case ClaimSubmitted submitted -> queue(submitted);
            case ClaimResubmitted resubmitted -> requeue(resubmitted);
            case ClaimDisputed disputed -> openDispute(disputed);
            case ClaimStatusChanged changed -> statusChanged(changed);
            case ClaimWithdrawn withdrawn -> withdrawn(withdrawn);
            case ClaimOutcomeRefused refused -> outcomeRefused(refused);
            case CompetingClaimsDetected competing -> competingDetected(competing);
            case CommentAdded comment -> commentAdded(comment);
            case ClaimEdited edited -> snapshotUpdated(edited.claimId(), edited.claim());
            case ClaimSentToEvaluation sent -> snapshotUpdated(sent.claimId(), sent.claim());
        }
    }

    private void queue(ClaimSubmitted submitted) {
        Instant submittedAt = submitted.occurredAt();
        Review review = Review.queue(submitted.claimId(), submitted.claim(), clock.instant(),
                policies.reviewStartDue(submittedAt), policies.decisionTargetDue(submittedAt));
        if (!reviews.insert(review)) {
            log.warn("Claim {} was submitted again while it has a review; ignored", submitted.claimId());
            return;
        }
        arrivals.created(review.claimId());
        outbox.append(review.queuedEvent(clock.instant()));
        timers.sync(review);
        history(review.claimId(), submitted.actor(), "queued", "review start due by " + review.deadlines().reviewStartDueAt());
        markCompetitors(review.claimId(), review.competingClaimIds());
    }

    private void requeue(ClaimResubmitted resubmitted) {
        Optional<Review> existing = reviews.lock(resubmitted.claimId());
        Instant dueAt = policies.reviewStartDue(resubmitted.occurredAt());
        if (existing.isEmpty()) {
            // the first submission was never seen here: start a fresh review
            Review review = Review.queue(resubmitted.claimId(), resubmitted.claim(), clock.instant(), dueAt,
                    policies.decisionTargetDue(resubmitted.occurredAt()));
            reviews.insert(review);
            arrivals.created(review.claimId());
            outbox.append(review.queuedEvent(clock.instant()));
            timers.sync(review);
            history(review.claimId(), resubmitted.actor(), "queued", "resubmitted; review start due by " + dueAt);
            return;
        }
        Review review = existing.get();
        Instant target = policies.decisionTargetResumed(review.decisionTarget(), review.decisionTargetPausedAt(),
                resubmitted.occurredAt());
        outbox.append(review.requeueAfterResubmission(resubmitted.claim(), clock.instant(), dueAt, target));
        reviews.update(review);
        timers.sync(review);
        history(review.claimId(), resubmitted.actor(), "requeued",
                "resubmitted; back to " + (review.assignedReviewer() == null ? "the queue" : review.assignedReviewer().id())
                        + "; review start due by " + dueAt);
    }

    private void openDispute(ClaimDisputed disputed) {
        Instant dueAt = policies.disputeReviewDue(disputed.occurredAt());
        Review review = reviews.lock(disputed.claimId()).orElseGet(() -> {
            Review fresh = Review.queue(disputed.claimId(), disputed.claim(), clock.instant(), null, null);
            reviews.insert(fresh);
            arrivals.created(fresh.claimId());
            return fresh;
        });
        // announced at once, so the claim shows the dispute-review due time
        outbox.append(review.openDispute(disputed.claim(), clock.instant(), dueAt));
        reviews.update(review);
        timers.sync(review);
        history(review.claimId(), disputed.actor(), "dispute-opened",
                "dispute decision due by " + dueAt + (disputed.justification() == null ? "" : "; " + disputed.justification()));
    }

    private void statusChanged(ClaimStatusChanged changed) {
        reviews.lock(changed.claimId()).ifPresent(review -> {
            boolean withdrawal = changed.toStatus() == ClaimStatus.REJECTED && isPartnerRequest(changed);
            boolean ended = review.claimStatusChanged(changed.toStatus(), changed.claim(), withdrawal, clock.instant());
            reviews.update(review);
            if (ended) {
                timers.sync(review);
                history(review.claimId(), changed.actor(), withdrawal ? "closed" : "completed",
                        "claim " + changed.fromStatus() + " -> " + changed.toStatus() + reasonText(changed.reasonCodes()));
            }
        });
    }

    private void withdrawn(ClaimWithdrawn withdrawn) {
        reviews.lock(withdrawn.claimId()).ifPresent(review -> {
            if (review.withdrawn(withdrawn.claim(), clock.instant())) {
                history(review.claimId(), withdrawn.actor(), "closed", "withdrawn by the partner: "
                        + (withdrawn.reasonCode() == null ? withdrawn.reason()
                        : withdrawn.reasonCode() + (withdrawn.reason() == null
                        || withdrawn.reason().equals(withdrawn.reasonCode().name()) ? "" : " (" + withdrawn.reason() + ")")));
            }
            reviews.update(review);
            timers.sync(review);
        });
    }

    private void outcomeRefused(ClaimOutcomeRefused refused) {
        reviews.lock(refused.claimId()).ifPresent(review -> {
            Instant now = clock.instant();
            Optional<ReviewQueued> reopened = review.reopenRefusedDispute(refused.refusedEventId(),
                    refused.currentStatus(), now, policies.disputeReviewDue(now));
            if (reopened.isPresent()) {
                outbox.append(reopened.get());
                reviews.update(review);
                timers.sync(review);
                history(review.claimId(), Actor.system("claim-service"), "dispute-reopened",
                        refused.refusedEventType() + " was not applied: " + refused.explanation()
                                + "; dispute decision due by " + review.deadlines().disputeReviewDueAt());
                return;
            }
            boolean closed = review.outcomeRefused(refused.refusedEventId(), refused.currentStatus(), clock.instant());
            reviews.update(review);
            timers.sync(review);
            history(review.claimId(), Actor.system("claim-service"), closed ? "closed" : "outcome-refused",
                    refused.refusedEventType() + " was not applied: " + refused.explanation());
        });
    }

    private void competingDetected(CompetingClaimsDetected competing) {
        reviews.lock(competing.claimId()).ifPresent(review -> {
            review.competingClaimsDetected(competing.competingClaimIds(), competing.claim(), clock.instant());
            reviews.update(review);
            history(review.claimId(), Actor.system("claim-service"), "competing-claims-detected",
                    String.join(", ", competing.competingClaimIds()) + " overlap on " + competing.overlappingProducts());
        });
        markCompetitors(competing.claimId(), competing.competingClaimIds());
    }

    /** Competition goes both ways: the earlier claims show the newcomer too. */
    private void markCompetitors(String claimId, List<String> competitorIds) {
        for (String competitorId : competitorIds) {
            reviews.lock(competitorId).ifPresent(competitor -> {
                if (!competitor.competingClaimIds().contains(claimId)) {
                    List<String> ids = new ArrayList<>(competitor.competingClaimIds());
                    ids.add(claimId);
                    competitor.competingClaimsDetected(ids, null, clock.instant());
                    reviews.update(competitor);
                }
            });
        }
    }

    private void commentAdded(CommentAdded comment) {
        reviews.find(comment.claimId()).ifPresent(review -> {
            reviews.addComment(comment.claimId(),
                    new ReviewComment(comment.commentId(), comment.author(), comment.text(), comment.occurredAt()));
            snapshotUpdated(comment.claimId(), comment.claim());
        });
    }

    private void snapshotUpdated(String claimId, ClaimSnapshot snapshot) {
        if (snapshot == null) {
            return;
        }
        reviews.lock(claimId).ifPresent(review -> {
            review.claimUpdated(snapshot, clock.instant());
            reviews.update(review);
        });
    }

    private static ClaimSnapshot snapshotOf(ClaimEvent event) {
        return switch (event) {
            case ClaimSubmitted e -> e.claim();
            case ClaimResubmitted e -> e.claim();
            case ClaimDisputed e -> e.claim();
            case ClaimStatusChanged e -> e.claim();
            case ClaimWithdrawn e -> e.claim();
            case CompetingClaimsDetected e -> e.claim();
            case CommentAdded e -> e.claim();
            case ClaimEdited e -> e.claim();
            case ClaimSentToEvaluation e -> e.claim();
            case ClaimOutcomeRefused e -> null;
        };
    }

    private void history(String claimId, Actor actor, String action, String detail) {
        reviews.appendHistory(claimId, new ReviewHistoryEntry(clock.instant(), actor, action, detail));
    }

    private static boolean isPartnerRequest(ClaimStatusChanged changed) {
        if (changed.reasonCodes() != null && changed.reasonCodes().contains(RejectionReason.PARTNER_REQUEST.name())) {
            return true;
        }
        return changed.claim() != null && changed.claim().rejection() != null
                && changed.claim().rejection().reason() == RejectionReason.PARTNER_REQUEST;
    }

    private static String reasonText(List<String> reasonCodes) {
        return reasonCodes == null || reasonCodes.isEmpty() ? "" : " " + reasonCodes;
    }
}
