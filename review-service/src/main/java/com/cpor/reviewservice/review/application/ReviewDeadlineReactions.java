package com.cpor.reviewservice.review.application;

import com.cpor.events.reviews.ReviewSlaBreached;
import com.cpor.platform.outbox.Outbox;
import com.cpor.platform.timers.DueTimer;
import com.cpor.reviewservice.review.domain.Review;
import com.cpor.reviewservice.review.domain.ReviewHistoryEntry;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;

/**
 * What happens when a review deadline passes. Runs inside the transaction that marks the timer fired,
 * so the event and the firing commit together: exactly once. Timers of an earlier round change nothing.
 * Lock order, everywhere in this service: the review row, then its timer rows.
 */
@Service
public class ReviewDeadlineReactions {

    private static final Logger log = LoggerFactory.getLogger(ReviewDeadlineReactions.class);
    static final String BREACHES = "cpor.review.sla.breaches";
    static final String DECISION_TARGET_BREACHES = "cpor.review.decision.target.breaches";

    private final ReviewRepository reviews;
    private final Outbox outbox;
    private final ReviewTimers timers;
    private final MeterRegistry meters;
    private final Clock clock;

    public ReviewDeadlineReactions(ReviewRepository reviews, Outbox outbox, ReviewTimers timers, MeterRegistry meters,
                                   Clock clock) {
        this.reviews = reviews;
        this.outbox = outbox;
        this.timers = timers;
        this.meters = meters;
        this.clock = clock;
        // registered at zero, so dashboards and alerts see every stage before its first breach
        for (ReviewSlaBreached.Stage stage : ReviewSlaBreached.Stage.values()) {
            meters.counter(BREACHES, "stage", stage.name());
        }
        meters.counter(DECISION_TARGET_BREACHES);
    }

    /**
     * Locks the review before the poller locks the timer row. Reviewer actions and claim events lock the review and
     * then change its timers; the poller taking the timer first would deadlock with them.
     */
    public void lockReview(String claimId) {
        reviews.lock(claimId);
    }

    public void onDue(ReviewTimerKind kind, DueTimer timer) {
        Review review = reviews.lock(timer.claimId()).orElse(null);
        if (review == null) {
            log.warn("Timer {} for unknown review {}; nothing to do", timer.timerId(), timer.claimId());
            return;
        }
        int round = Integer.parseInt(timer.payload());
        Instant now = clock.instant();
        switch (kind) {
            case REVIEW_START_SLA -> breach(review, ReviewSlaBreached.Stage.REVIEW_START, round, now);
            case REVIEW_DECISION_SLA -> breach(review, ReviewSlaBreached.Stage.REVIEW_DECISION, round, now);
            case DISPUTE_REVIEW_SLA -> breach(review, ReviewSlaBreached.Stage.DISPUTE_REVIEW, round, now);
            case DECISION_TARGET -> review.decisionTargetBreach(round, now).ifPresent(breach -> {
                outbox.append(breach);
                meters.counter(DECISION_TARGET_BREACHES).increment();
                history(review, "decision-target-breached", "no decision by the overall decision target " + breach.dueAt());
            });
            case PARTNER_RESPONSE_REMINDER -> review.partnerResponseReminder(round, now).ifPresent(reminder -> {
                outbox.append(reminder);
                history(review, "partner-reminded", "respond by " + reminder.respondBy());
            });
            case PARTNER_RESPONSE_EXPIRY -> review.expirePartnerResponse(round, now).ifPresent(rejection -> {
                reviews.update(review);
                outbox.append(rejection);
                timers.sync(review);
                history(review, "rejected", "NO_PARTNER_RESPONSE: " + rejection.comment());
            });
        }
    }

    /** Escalation only: an event for notification-service and a metric; the review's status stays. */
    private void breach(Review review, ReviewSlaBreached.Stage stage, int round, Instant now) {
        review.slaBreach(stage, round, now).ifPresent(breach -> {
            outbox.append(breach);
            meters.counter(BREACHES, "stage", stage.name()).increment();
            history(review, "sla-breached", stage + " was due at " + breach.dueAt());
        });
    }

    private void history(Review review, String action, String detail) {
        reviews.appendHistory(review.claimId(), new ReviewHistoryEntry(clock.instant(), Review.SYSTEM, action, detail));
    }
}
