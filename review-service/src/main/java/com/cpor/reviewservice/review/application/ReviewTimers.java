package com.cpor.reviewservice.review.application;

import com.cpor.platform.timers.DurableTimers;
import com.cpor.reviewservice.review.domain.Review;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;

/**
 * Keeps a review's durable timers in step with its status, inside the transaction of the change:
 * the timers of the current status and round are scheduled, all others are cancelled.
 */
@Component
public class ReviewTimers {

    private final DurableTimers timers;
    private final ReviewPolicies policies;
    private final Clock clock;

    public ReviewTimers(DurableTimers timers, ReviewPolicies policies, Clock clock) {
        this.timers = timers;
        this.policies = policies;
        this.clock = clock;
    }

    public void sync(Review review) {
        for (ReviewTimerKind kind : ReviewTimerKind.values()) {
            if (kind.runsWhile(review.status())) {
                schedule(review, kind);
            } else {
                timers.cancelAll(review.claimId(), kind.kind());
            }
        }
    }

    private void schedule(Review review, ReviewTimerKind kind) {
        // an earlier round of the same kind may still be pending (a resubmission before its breach)
        if (review.round() > 1) {
            timers.cancel(kind.timerId(review.claimId(), review.round() - 1));
        }
        Instant dueAt = switch (kind) {
            case REVIEW_START_SLA -> review.deadlines().reviewStartDueAt();
            case REVIEW_DECISION_SLA -> review.deadlines().decisionDueAt();
            case PARTNER_RESPONSE_EXPIRY -> review.deadlines().partnerResponseDueAt();
            case PARTNER_RESPONSE_REMINDER -> reminderAt(review);
            case DISPUTE_REVIEW_SLA -> review.deadlines().disputeReviewDueAt();
            case DECISION_TARGET -> review.decisionTargetDueAt();
        };
        if (dueAt != null) {
            timers.schedule(kind.timerId(review.claimId(), review.round()), kind.kind(), review.claimId(), dueAt,
                    Integer.toString(review.round()));
        }
    }

    /** No reminder when the whole response window is shorter than the reminder offset. */
    private Instant reminderAt(Review review) {
        Instant respondBy = review.deadlines().partnerResponseDueAt();
        if (respondBy == null) {
            return null;
        }
        Instant remindAt = policies.reminderAt(respondBy, review.claim());
        return remindAt.isAfter(clock.instant()) ? remindAt : null;
    }
}
