package com.cpor.reviewservice.review.application;

import com.cpor.reviewservice.review.domain.ReviewStatus;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The durable timers of a review; each runs while the review waits in one of its statuses. */
public enum ReviewTimerKind {
    REVIEW_START_SLA("review-start-sla", ReviewStatus.QUEUED),
    REVIEW_DECISION_SLA("review-decision-sla", ReviewStatus.IN_REVIEW),
    PARTNER_RESPONSE_EXPIRY("partner-response-expiry", ReviewStatus.AWAITING_PARTNER),
    PARTNER_RESPONSE_REMINDER("partner-response-reminder", ReviewStatus.AWAITING_PARTNER),
    DISPUTE_REVIEW_SLA("dispute-review-sla", ReviewStatus.DISPUTE_OPEN),
    /** The overall decision target: from submission to a decision, stopped while the partner is asked to act. */
    DECISION_TARGET("decision-target", ReviewStatus.QUEUED, ReviewStatus.IN_REVIEW);

    private final String kind;
    private final Set<ReviewStatus> runsWhile;

    ReviewTimerKind(String kind, ReviewStatus runsWhile, ReviewStatus... alsoWhile) {
        this.kind = kind;
        this.runsWhile = EnumSet.of(runsWhile, alsoWhile);
    }

    /** The timer kind stored in {@code durable_timer.kind}. */
    public String kind() {
        return kind;
    }

    public boolean runsWhile(ReviewStatus status) {
        return runsWhile.contains(status);
    }

    /** Stable per claim and round, so rescheduling after a redelivery is a no-op. */
    public String timerId(String claimId, int round) {
        return kind + ":" + claimId + ":" + round;
    }

    public static List<ReviewTimerKind> runningWhile(ReviewStatus status) {
        return Arrays.stream(values()).filter(kind -> kind.runsWhile(status)).toList();
    }
}
