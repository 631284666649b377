package com.cpor.reviewservice.review;

import com.cpor.reviewservice.review.application.ReviewTimerKind;
import com.cpor.reviewservice.review.domain.ReviewStatus;
import org.junit.jupiter.api.Test;

import static com.cpor.reviewservice.review.application.ReviewTimerKind.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Which durable timers run while a review waits in each status (§4, §8), and how they are stored. */
class ReviewTimerKindTest {

    @Test
    void each_waiting_status_runs_its_own_timers_and_the_decision_target_runs_until_the_partner_is_asked() {
        assertThat(ReviewTimerKind.runningWhile(ReviewStatus.QUEUED)).containsExactly(REVIEW_START_SLA, DECISION_TARGET);
        assertThat(ReviewTimerKind.runningWhile(ReviewStatus.IN_REVIEW))
                .containsExactly(REVIEW_DECISION_SLA, DECISION_TARGET);
        assertThat(ReviewTimerKind.runningWhile(ReviewStatus.AWAITING_PARTNER))
                .containsExactly(PARTNER_RESPONSE_EXPIRY, PARTNER_RESPONSE_REMINDER);
        assertThat(ReviewTimerKind.runningWhile(ReviewStatus.DISPUTE_OPEN)).containsExactly(DISPUTE_REVIEW_SLA);
        assertThat(ReviewTimerKind.runningWhile(ReviewStatus.DECIDED)).isEmpty();
        assertThat(ReviewTimerKind.runningWhile(ReviewStatus.CLOSED)).isEmpty();
    }

    @Test
    void a_timer_is_stored_under_its_kind_with_an_id_per_claim_and_round() {
        assertThat(DECISION_TARGET.kind()).isEqualTo("decision-target");
        assertThat(PARTNER_RESPONSE_REMINDER.kind()).isEqualTo("partner-response-reminder");
        assertThat(REVIEW_START_SLA.timerId("c-1", 2)).isEqualTo("review-start-sla:c-1:2");
        assertThat(REVIEW_START_SLA.runsWhile(ReviewStatus.QUEUED)).isTrue();
        assertThat(REVIEW_START_SLA.runsWhile(ReviewStatus.IN_REVIEW)).isFalse();
    }
}
