package com.cpor.reviewservice.review.application;

import com.cpor.reviewservice.review.domain.ReviewStatus;

import java.util.Arrays;
import java.util.List;

/** The durable timers of a review; each runs while the review waits in one status. */
public enum ReviewTimerKind {
    REVIEW_START_SLA("review-start-sla", ReviewStatus.QUEUED),
    REVIEW_DECISION_SLA("review-decision-sla", ReviewStatus.IN_REVIEW),
    PARTNER_RESPONSE_EXPIRY("partner-response-expiry", ReviewStatus.AWAITING_PARTNER),
    PARTNER_RESPONSE_REMINDER("partner-response-reminder", ReviewStatus.AWAITING_PARTNER),
    DISPUTE_REVIEW_SLA("dispute-review-sla", ReviewStatus.DISPUTE_OPEN);

    private final String kind;
    private final ReviewStatus runsWhile;

    ReviewTimerKind(String kind, ReviewStatus runsWhile) {
        this.kind = kind;
        this.runsWhile = runsWhile;
    }

    /** The timer kind stored in {@code durable_timer.kind}. */
    public String kind() {
        return kind;
    }

    public ReviewStatus runsWhile() {
        return runsWhile;
    }

    /** Stable per claim and round, so rescheduling after a redelivery is a no-op. */
    public String timerId(String claimId, int round) {
        return kind + ":" + claimId + ":" + round;
    }

    public static List<ReviewTimerKind> runningWhile(ReviewStatus status) {
        return Arrays.stream(values()).filter(kind -> kind.runsWhile == status).toList();
    }
}
