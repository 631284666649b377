package com.cpor.reviewservice.review;

import com.cpor.events.Actor;
import com.cpor.events.ClaimStatus;
import com.cpor.events.PartnerActionReason;
import com.cpor.events.RejectionReason;
import com.cpor.events.reviews.ReviewSlaBreached;
import com.cpor.reviewservice.ClaimEvents;
import com.cpor.reviewservice.review.domain.InvalidReviewInputException;
import com.cpor.reviewservice.review.domain.Review;
import com.cpor.reviewservice.review.domain.ReviewAction;
import com.cpor.reviewservice.review.domain.ReviewActionNotAllowedException;
import com.cpor.reviewservice.review.domain.ReviewAssignedElsewhereException;
import com.cpor.reviewservice.review.domain.ReviewStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReviewTest {

    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
    private static final Actor REKA = new Actor("reviewer", "Réka", "reka@reviews.example", Actor.ActorKind.REVIEWER);
    private static final Actor IVAN = new Actor("reviewer-2", "Ivan", "ivan@reviews.example", Actor.ActorKind.REVIEWER);

    @Test
    void a_queued_review_can_only_be_started() {
        Review review = queued();

        assertThat(review.allowedActions()).containsExactly(ReviewAction.START, ReviewAction.REASSIGN);
        assertThatThrownBy(() -> review.approve(REKA, false, null, null, NOW))
                .isInstanceOf(ReviewActionNotAllowedException.class)
                .satisfies(e -> assertThat(((ReviewActionNotAllowedException) e).allowedActions())
                        .contains(ReviewAction.START));
    }

    @Test
    void partner_action_needs_a_reason_and_a_comment() {
        Review review = started();

        assertThatThrownBy(() -> review.requestPartnerAction(REKA, false, List.of(), "c", List.of(), NOW, NOW))
                .isInstanceOf(InvalidReviewInputException.class).hasMessageContaining("reason");
        assertThatThrownBy(() -> review.requestPartnerAction(REKA, false,
                List.of(PartnerActionReason.MISSING_PRODUCTS), " ", List.of(), NOW, NOW))
                .isInstanceOf(InvalidReviewInputException.class).hasMessageContaining("comment");
        assertThat(review.status()).isEqualTo(ReviewStatus.IN_REVIEW);
    }

    @Test
    void only_reviewer_reasons_reject_a_claim() {
        Review review = started();

        for (RejectionReason reason : List.of(RejectionReason.NO_PARTNER_RESPONSE, RejectionReason.CUSTOMER_DECLINED,
                RejectionReason.PARTNER_REQUEST)) {
            assertThatThrownBy(() -> review.reject(REKA, false, reason, null, NOW))
                    .isInstanceOf(InvalidReviewInputException.class);
        }
        assertThat(review.reject(REKA, false, RejectionReason.POE_UNAVAILABLE, null, NOW).reason())
                .isEqualTo(RejectionReason.POE_UNAVAILABLE);
    }

    @Test
    void the_assigned_reviewer_or_a_lead_decides() {
        Review review = started();

        assertThatThrownBy(() -> review.approve(IVAN, false, null, null, NOW)).isInstanceOf(ReviewAssignedElsewhereException.class);
        assertThat(review.approve(IVAN, true, null, null, NOW).reviewer()).isEqualTo(IVAN);
    }

    @Test
    void a_resubmission_starts_a_new_round_with_the_same_reviewer_and_old_timers_do_nothing() {
        Review review = started();
        review.requestPartnerAction(REKA, false, List.of(PartnerActionReason.MISSING_ALL_POE), "none", List.of(),
                NOW, NOW.plus(Duration.ofDays(7)));

        review.requeueAfterResubmission(ClaimEvents.snapshot(review.claimId(), ClaimStatus.SUBMITTED, List.of(), NOW),
                NOW, NOW.plus(Duration.ofDays(7)), null);

        assertThat(review.round()).isEqualTo(2);
        assertThat(review.status()).isEqualTo(ReviewStatus.QUEUED);
        assertThat(review.assignedReviewer()).isEqualTo(REKA);
        assertThat(review.expirePartnerResponse(1, NOW)).isEmpty();
        assertThat(review.slaBreach(ReviewSlaBreached.Stage.REVIEW_START, 1, NOW)).isEmpty();
        assertThat(review.slaBreach(ReviewSlaBreached.Stage.REVIEW_START, 2, NOW)).isPresent();
    }

    @Test
    void an_sla_breach_changes_nothing() {
        Review review = started();

        assertThat(review.slaBreach(ReviewSlaBreached.Stage.REVIEW_DECISION, 1, NOW)).get()
                .satisfies(breach -> assertThat(breach.assignedReviewer()).isEqualTo(REKA));
        assertThat(review.status()).isEqualTo(ReviewStatus.IN_REVIEW);
        assertThat(review.slaBreach(ReviewSlaBreached.Stage.REVIEW_START, 1, NOW)).isEmpty();
    }

    @Test
    void a_refusal_closes_the_review_only_for_its_latest_decision() {
        Review review = started();
        UUID approval = review.approve(REKA, false, null, null, NOW).eventId();

        assertThat(review.outcomeRefused(UUID.randomUUID(), ClaimStatus.REJECTED, NOW)).isFalse();
        assertThat(review.status()).isEqualTo(ReviewStatus.DECIDED);
        assertThat(review.outcomeRefused(approval, ClaimStatus.REJECTED, NOW)).isTrue();
        assertThat(review.status()).isEqualTo(ReviewStatus.CLOSED);
    }

    @Test
    void expiry_rejects_for_no_partner_response_as_the_system() {
        Review review = started();
        review.requestPartnerAction(REKA, false, List.of(PartnerActionReason.MISSING_ALL_POE), "none", List.of(),
                NOW, NOW.plus(Duration.ofDays(7)));

        assertThat(review.expirePartnerResponse(1, NOW.plus(Duration.ofDays(7)))).get().satisfies(rejection -> {
            assertThat(rejection.reason()).isEqualTo(RejectionReason.NO_PARTNER_RESPONSE);
            assertThat(rejection.reviewer().kind()).isEqualTo(Actor.ActorKind.SYSTEM);
        });
        assertThat(review.status()).isEqualTo(ReviewStatus.DECIDED);
        assertThat(review.expirePartnerResponse(1, NOW)).isEmpty();
    }

    @Test
    void an_older_claim_snapshot_does_not_replace_a_newer_one() {
        Review review = queued();
        review.claimUpdated(ClaimEvents.renamed(review.claim(), "Newer", 3), NOW);

        review.claimUpdated(ClaimEvents.renamed(review.claim(), "Older", 2), NOW);
        review.claimStatusChanged(ClaimStatus.SUBMITTED, ClaimEvents.renamed(review.claim(), "Oldest", 1), false, NOW);

        assertThat(review.claim().name()).isEqualTo("Newer");
        assertThat(review.claim().version()).isEqualTo(3);
        review.claimUpdated(ClaimEvents.renamed(review.claim(), "Same version again", 3), NOW);
        assertThat(review.claim().name()).isEqualTo("Same version again");
    }

    private static Review queued() {
        String claimId = ClaimEvents.newClaimId();
        return Review.queue(claimId, ClaimEvents.snapshot(claimId, ClaimStatus.SUBMITTED, List.of(), NOW), NOW,
                NOW.plus(Duration.ofDays(7)), NOW.plus(Duration.ofDays(14)));
    }

    private static Review started() {
        Review review = queued();
        review.start(REKA, false, NOW, NOW.plus(Duration.ofDays(7)));
        return review;
    }
}
