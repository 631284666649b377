package com.cpor.reviewservice.review;

import com.cpor.events.Actor;
import com.cpor.events.ClaimSnapshot;
import com.cpor.events.ClaimStatus;
import com.cpor.events.PartnerActionReason;
import com.cpor.events.RejectionReason;
import com.cpor.events.reviews.DisputeDecided;
import com.cpor.events.reviews.PartnerActionRequested;
import com.cpor.events.reviews.ReviewApproved;
import com.cpor.events.reviews.ReviewQueued;
import com.cpor.events.reviews.ReviewSlaBreached;
import com.cpor.events.reviews.ReviewStarted;
import com.cpor.reviewservice.ClaimEvents;
import com.cpor.reviewservice.review.domain.InvalidReviewInputException;
import com.cpor.reviewservice.review.domain.Review;
import com.cpor.reviewservice.review.domain.ReviewAction;
import com.cpor.reviewservice.review.domain.ReviewActionNotAllowedException;
import com.cpor.reviewservice.review.domain.ReviewAssignedElsewhereException;
import com.cpor.reviewservice.review.domain.ReviewDeadlines;
import com.cpor.reviewservice.review.domain.ReviewNotFoundException;
import com.cpor.reviewservice.review.domain.ReviewStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A review's rounds (§3, §4): what each reviewer action and each timer leaves on the review and publishes, which
 * deadline runs in which state, and which late or foreign events change nothing.
 */
class ReviewRoundsTest {

    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
    private static final Instant LATER = NOW.plus(Duration.ofHours(3));
    private static final Instant START_DUE = NOW.plus(Duration.ofDays(7));
    private static final Instant DECISION_DUE = NOW.plus(Duration.ofDays(8));
    private static final Instant RESPOND_BY = NOW.plus(Duration.ofDays(9));
    private static final Instant TARGET = NOW.plus(Duration.ofDays(14));
    private static final Actor LEAD = new Actor("lead", "Lea", "lea@reviews.example", Actor.ActorKind.REVIEWER);
    private static final Actor REKA = new Actor("reviewer", "Réka", "reka@reviews.example", Actor.ActorKind.REVIEWER);
    private static final Actor IVAN = new Actor("reviewer-2", "Ivan", "ivan@reviews.example", Actor.ActorKind.REVIEWER);

    // ---- queue and start

    @Test
    void a_queued_review_runs_the_review_start_clock_and_announces_it() {
        Review review = queued(List.of("c-other"));

        assertThat(review.round()).isEqualTo(1);
        assertThat(review.claimStatus()).isEqualTo(ClaimStatus.SUBMITTED);
        assertThat(review.deadlines()).isEqualTo(new ReviewDeadlines(START_DUE, null, null, null));
        assertThat(review.currentDueAt()).isEqualTo(START_DUE);
        assertThat(review.competingClaimIds()).containsExactly("c-other");
        assertThat(review.isCompeting()).isTrue();
        assertThat(review.queuedAt()).isEqualTo(NOW);
        ReviewQueued announced = review.queuedEvent(LATER);
        assertThat(announced.claimId()).isEqualTo(review.claimId());
        assertThat(announced.reviewStartDueAt()).isEqualTo(START_DUE);
        assertThat(announced.occurredAt()).isEqualTo(LATER);
    }

    @Test
    void starting_assigns_the_caller_and_runs_the_decision_clock() {
        Review review = queued(List.of());

        ReviewStarted started = review.start(REKA, false, LATER, DECISION_DUE);

        assertThat(started.reviewer()).isEqualTo(REKA);
        assertThat(started.decisionDueAt()).isEqualTo(DECISION_DUE);
        assertThat(started.claimId()).isEqualTo(review.claimId());
        assertThat(review.assignedReviewer()).isEqualTo(REKA);
        assertThat(review.status()).isEqualTo(ReviewStatus.IN_REVIEW);
        assertThat(review.currentDueAt()).isEqualTo(DECISION_DUE);
        assertThat(review.lastOutcomeEventId()).isEqualTo(started.eventId());
        assertThat(review.updatedAt()).isEqualTo(LATER);
        assertThat(review.isCompeting()).isFalse();
    }

    @Test
    void a_resubmitted_review_waits_for_its_reviewer_and_another_reviewer_is_told_who_owns_it() {
        Review review = awaitingPartner();
        review.requeueAfterResubmission(snapshot(review, 2), LATER, START_DUE, TARGET);

        assertThatThrownBy(() -> review.start(IVAN, false, LATER, DECISION_DUE))
                .isInstanceOf(ReviewAssignedElsewhereException.class)
                .hasMessageContaining("assigned to reviewer reviewer;");
        assertThat(review.status()).isEqualTo(ReviewStatus.QUEUED);
        assertThat(review.start(REKA, false, LATER, DECISION_DUE).reviewer()).isEqualTo(REKA);
    }

    // ---- reviewer decisions

    @Test
    void a_partner_action_request_publishes_reasons_comment_removals_and_the_respond_by_date() {
        Review review = started();

        PartnerActionRequested request = review.requestPartnerAction(REKA, false,
                List.of(PartnerActionReason.MISSING_PRODUCTS), "Teams is not on the PoE", List.of("TEAMS"), LATER, RESPOND_BY);

        assertThat(request.reasons()).containsExactly(PartnerActionReason.MISSING_PRODUCTS);
        assertThat(request.comment()).isEqualTo("Teams is not on the PoE");
        assertThat(request.productsToRemove()).containsExactly("TEAMS");
        assertThat(request.respondBy()).isEqualTo(RESPOND_BY);
        assertThat(request.reviewer()).isEqualTo(REKA);
        assertThat(review.status()).isEqualTo(ReviewStatus.AWAITING_PARTNER);
        assertThat(review.currentDueAt()).isEqualTo(RESPOND_BY);
        assertThat(review.lastOutcomeEventId()).isEqualTo(request.eventId());
        assertThat(review.updatedAt()).isEqualTo(LATER);
    }

    @Test
    void only_products_of_the_claim_can_be_asked_to_be_removed() {
        Review review = started();

        assertThatThrownBy(() -> review.requestPartnerAction(REKA, false, List.of(PartnerActionReason.MISSING_PRODUCTS),
                "remove", List.of("TEAMS", "VIVA"), NOW, RESPOND_BY))
                .isInstanceOfSatisfying(InvalidReviewInputException.class,
                        e -> assertThat(e.field()).isEqualTo("productsToRemove"))
                .hasMessage("VIVA is not a product of this claim");
        assertThat(review.status()).isEqualTo(ReviewStatus.IN_REVIEW);
        assertThat(review.requestPartnerAction(REKA, false, List.of(PartnerActionReason.MISSING_PRODUCTS), "none",
                null, NOW, RESPOND_BY).productsToRemove()).isEmpty();
    }

    @Test
    void without_a_claim_snapshot_the_products_to_remove_cannot_be_checked_and_are_passed_on() {
        String claimId = ClaimEvents.newClaimId();
        Review review = Review.queue(claimId, null, NOW, START_DUE, TARGET);
        review.start(REKA, false, NOW, DECISION_DUE);

        assertThat(review.competingClaimIds()).isEmpty();
        assertThat(review.requestPartnerAction(REKA, false, List.of(PartnerActionReason.MISSING_PRODUCTS), "remove",
                List.of("VIVA"), NOW, RESPOND_BY).productsToRemove()).containsExactly("VIVA");
    }

    @Test
    void a_partner_action_without_reasons_or_comment_names_the_missing_field() {
        Review review = started();

        assertThatThrownBy(() -> review.requestPartnerAction(REKA, false, null, "c", List.of(), NOW, RESPOND_BY))
                .isInstanceOfSatisfying(InvalidReviewInputException.class, e -> assertThat(e.field()).isEqualTo("reasons"));
        assertThatThrownBy(() -> review.requestPartnerAction(REKA, false, List.of(PartnerActionReason.MISSING_ALL_POE),
                null, List.of(), NOW, RESPOND_BY))
                .isInstanceOfSatisfying(InvalidReviewInputException.class, e -> assertThat(e.field()).isEqualTo("comment"));
    }

    @Test
    void an_approval_ends_the_round_and_stops_every_clock() {
        Review review = started();

        ReviewApproved approved = approve(review, REKA, false, "PoE signed", LATER);

        assertThat(approved.reviewer()).isEqualTo(REKA);
        assertThat(approved.comment()).isEqualTo("PoE signed");
        assertThat(review.status()).isEqualTo(ReviewStatus.DECIDED);
        assertThat(review.deadlines()).isEqualTo(ReviewDeadlines.NONE);
        assertThat(review.currentDueAt()).isNull();
        assertThat(review.lastOutcomeEventId()).isEqualTo(approved.eventId());
        assertThat(review.allowedActions()).isEmpty();
    }

    @Test
    void a_rejection_without_a_reason_is_refused_naming_the_reason_field() {
        Review review = started();

        assertThatThrownBy(() -> review.reject(REKA, false, null, "no", NOW))
                .isInstanceOfSatisfying(InvalidReviewInputException.class, e -> assertThat(e.field()).isEqualTo("reason"))
                .hasMessageContaining("INSUFFICIENT_POE");
        var rejected = review.reject(REKA, false, RejectionReason.MISSING_PRODUCTS, "no Teams", LATER);
        assertThat(rejected.comment()).isEqualTo("no Teams");
        assertThat(review.lastOutcomeEventId()).isEqualTo(rejected.eventId());
        assertThat(review.status()).isEqualTo(ReviewStatus.DECIDED);
    }

    @Test
    void a_dispute_opens_a_new_round_with_only_the_dispute_review_clock() {
        Review review = rejectedThenDisputed();

        assertThat(review.round()).isEqualTo(2);
        assertThat(review.status()).isEqualTo(ReviewStatus.DISPUTE_OPEN);
        assertThat(review.claimStatus()).isEqualTo(ClaimStatus.DISPUTED);
        assertThat(review.deadlines()).isEqualTo(new ReviewDeadlines(null, null, null, DECISION_DUE));
        assertThat(review.currentDueAt()).isEqualTo(DECISION_DUE);
        assertThat(review.lastOutcomeEventId()).isNull();
        assertThat(review.allowedActions()).containsExactly(ReviewAction.DECIDE_DISPUTE, ReviewAction.REASSIGN);
    }

    @Test
    void a_dispute_decision_needs_an_outcome_and_is_made_by_the_assigned_reviewer_or_a_lead() {
        Review review = rejectedThenDisputed();

        assertThatThrownBy(() -> decideDispute(review, REKA, false, null, NOW))
                .isInstanceOfSatisfying(InvalidReviewInputException.class, e -> assertThat(e.field()).isEqualTo("outcome"));
        assertThatThrownBy(() -> decideDispute(review, IVAN, false, DisputeDecided.Outcome.UPHOLD, NOW))
                .isInstanceOf(ReviewAssignedElsewhereException.class);

        DisputeDecided decided = decideDispute(review, IVAN, true, DisputeDecided.Outcome.OVERTURN, LATER);

        assertThat(decided.outcome()).isEqualTo(DisputeDecided.Outcome.OVERTURN);
        assertThat(decided.reviewer()).isEqualTo(IVAN);
        assertThat(review.assignedReviewer()).isEqualTo(REKA);
        assertThat(review.status()).isEqualTo(ReviewStatus.DECIDED);
        assertThat(review.lastOutcomeEventId()).isEqualTo(decided.eventId());
    }

    @Test
    void an_unassigned_dispute_belongs_to_the_reviewer_who_decides_it() {
        String claimId = ClaimEvents.newClaimId();
        Review review = new Review(claimId, ReviewStatus.DISPUTE_OPEN, ClaimStatus.DISPUTED, 2, null,
                ReviewDeadlines.NONE, ClaimEvents.snapshot(claimId, ClaimStatus.DISPUTED, List.of(), NOW), null, null,
                null, null, NOW, NOW, 1);

        decideDispute(review, IVAN, false, DisputeDecided.Outcome.UPHOLD, LATER);

        assertThat(review.assignedReviewer()).isEqualTo(IVAN);
        assertThat(review.competingClaimIds()).isEmpty();
    }

    @Test
    void decisions_outside_their_state_or_by_another_reviewer_are_refused_and_change_nothing() {
        Review queued = queued(List.of());
        assertThatThrownBy(() -> queued.reject(REKA, false, RejectionReason.INSUFFICIENT_POE, "no", NOW))
                .isInstanceOf(ReviewActionNotAllowedException.class);
        assertThatThrownBy(() -> queued.requestPartnerAction(REKA, false, List.of(PartnerActionReason.MISSING_ALL_POE),
                "attach", List.of(), NOW, RESPOND_BY)).isInstanceOf(ReviewActionNotAllowedException.class);
        assertThat(queued.status()).isEqualTo(ReviewStatus.QUEUED);

        Review started = started();
        UUID startEvent = started.lastOutcomeEventId();
        assertThatThrownBy(() -> started.reject(IVAN, false, RejectionReason.INSUFFICIENT_POE, "no", NOW))
                .isInstanceOf(ReviewAssignedElsewhereException.class);
        assertThatThrownBy(() -> started.requestPartnerAction(IVAN, false, List.of(PartnerActionReason.MISSING_ALL_POE),
                "attach", List.of(), NOW, RESPOND_BY)).isInstanceOf(ReviewAssignedElsewhereException.class);
        assertThat(started.status()).isEqualTo(ReviewStatus.IN_REVIEW);
        assertThat(started.lastOutcomeEventId()).isEqualTo(startEvent);
    }

    @Test
    void a_resubmission_announces_the_new_review_start_due_time_with_the_resubmitted_claim() {
        Review review = awaitingPartner();
        Instant newStartDue = LATER.plus(Duration.ofDays(7));

        ReviewQueued announced = review.requeueAfterResubmission(snapshot(review, 2), LATER, newStartDue, TARGET);

        assertThat(announced.reviewStartDueAt()).isEqualTo(newStartDue);
        assertThat(announced.claimId()).isEqualTo(review.claimId());
        assertThat(review.claim().version()).isEqualTo(2);
        assertThat(review.round()).isEqualTo(2);
        assertThat(review.deadlines()).isEqualTo(new ReviewDeadlines(newStartDue, null, null, null));
        assertThat(review.lastOutcomeEventId()).isNull();
        assertThat(review.updatedAt()).isEqualTo(LATER);
    }

    @Test
    void a_dispute_shows_reviewers_the_disputed_claim() {
        Review review = started();
        review.reject(REKA, false, RejectionReason.INSUFFICIENT_POE, "unsigned", NOW);

        review.openDispute(ClaimEvents.renamed(ClaimEvents.snapshot(review.claimId(), ClaimStatus.DISPUTED, List.of(),
                NOW), "disputed", 5), LATER, DECISION_DUE);

        assertThat(review.claim().status()).isEqualTo(ClaimStatus.DISPUTED);
        assertThat(review.claim().version()).isEqualTo(5);
        assertThat(review.updatedAt()).isEqualTo(LATER);
    }

    // ---- reassignment

    @Test
    void a_lead_reassigns_an_open_review_and_its_deadlines_keep_running() {
        Review review = started();

        var reassigned = review.reassign(LEAD, IVAN, LATER);

        assertThat(reassigned.previousReviewer()).isEqualTo(REKA);
        assertThat(reassigned.reviewer()).isEqualTo(IVAN);
        assertThat(reassigned.reassignedBy()).isEqualTo(LEAD);
        assertThat(review.assignedReviewer()).isEqualTo(IVAN);
        assertThat(review.currentDueAt()).isEqualTo(DECISION_DUE);
        assertThat(review.updatedAt()).isEqualTo(LATER);
        approve(review, IVAN, false, null, LATER);
        assertThatThrownBy(() -> review.reassign(LEAD, REKA, LATER))
                .isInstanceOfSatisfying(ReviewActionNotAllowedException.class, e -> {
                    assertThat(e.status()).isEqualTo(ReviewStatus.DECIDED);
                    assertThat(e.claimStatus()).isEqualTo(ClaimStatus.SUBMITTED);
                    assertThat(e.allowedActions()).isEmpty();
                })
                .hasMessage("Cannot reassign a review in status DECIDED (claim status SUBMITTED)");
        assertThat(review.assignedReviewer()).isEqualTo(IVAN);
    }

    // ---- timers

    @Test
    void the_partner_response_timer_of_the_current_round_rejects_and_names_the_missed_date() {
        Review review = awaitingPartner();

        assertThat(review.expirePartnerResponse(2, RESPOND_BY)).isEmpty();
        var rejection = review.expirePartnerResponse(1, RESPOND_BY).orElseThrow();

        assertThat(rejection.comment()).isEqualTo("The partner did not respond by " + RESPOND_BY);
        assertThat(rejection.reviewer()).isEqualTo(Review.SYSTEM);
        assertThat(review.deadlines()).isEqualTo(ReviewDeadlines.NONE);
        assertThat(review.lastOutcomeEventId()).isEqualTo(rejection.eventId());
    }

    @Test
    void the_partner_response_timer_does_nothing_once_the_partner_answered() {
        Review review = awaitingPartner();
        review.requeueAfterResubmission(snapshot(review, 2), LATER, START_DUE, TARGET);

        assertThat(review.expirePartnerResponse(2, RESPOND_BY)).isEmpty();
        assertThat(review.partnerResponseReminder(2, RESPOND_BY)).isEmpty();
        assertThat(review.status()).isEqualTo(ReviewStatus.QUEUED);
    }

    @Test
    void a_reminder_is_due_only_while_the_partner_is_awaited_in_the_same_round_and_changes_nothing() {
        Review review = awaitingPartner();
        UUID lastOutcome = review.lastOutcomeEventId();

        assertThat(review.partnerResponseReminder(2, NOW)).isEmpty();
        var reminder = review.partnerResponseReminder(1, LATER).orElseThrow();

        assertThat(reminder.respondBy()).isEqualTo(RESPOND_BY);
        assertThat(reminder.claimId()).isEqualTo(review.claimId());
        assertThat(review.status()).isEqualTo(ReviewStatus.AWAITING_PARTNER);
        assertThat(review.lastOutcomeEventId()).isEqualTo(lastOutcome);
        assertThat(started().partnerResponseReminder(1, NOW)).isEmpty();
    }

    @Test
    void each_sla_breaches_only_while_the_review_still_waits_in_its_stage() {
        Review queued = queued(List.of());
        assertThat(queued.slaBreach(ReviewSlaBreached.Stage.REVIEW_START, 1, LATER)).get()
                .satisfies(breach -> {
                    assertThat(breach.dueAt()).isEqualTo(START_DUE);
                    assertThat(breach.stage()).isEqualTo(ReviewSlaBreached.Stage.REVIEW_START);
                    assertThat(breach.assignedReviewer()).isNull();
                });
        assertThat(queued.slaBreach(ReviewSlaBreached.Stage.REVIEW_DECISION, 1, LATER)).isEmpty();
        assertThat(queued.slaBreach(ReviewSlaBreached.Stage.DISPUTE_REVIEW, 1, LATER)).isEmpty();

        Review disputed = rejectedThenDisputed();
        assertThat(disputed.slaBreach(ReviewSlaBreached.Stage.DISPUTE_REVIEW, 2, LATER)).get()
                .satisfies(breach -> assertThat(breach.dueAt()).isEqualTo(DECISION_DUE));
        assertThat(disputed.slaBreach(ReviewSlaBreached.Stage.DISPUTE_REVIEW, 1, LATER)).isEmpty();
        assertThat(disputed.slaBreach(ReviewSlaBreached.Stage.REVIEW_START, 2, LATER)).isEmpty();

        Review started = started();
        assertThat(started.slaBreach(ReviewSlaBreached.Stage.REVIEW_DECISION, 1, LATER)).get()
                .satisfies(breach -> assertThat(breach.dueAt()).isEqualTo(DECISION_DUE));
        assertThat(started.slaBreach(ReviewSlaBreached.Stage.DISPUTE_REVIEW, 1, LATER)).isEmpty();
    }

    // ---- claim-service's events

    @Test
    void the_claim_s_approval_or_rejection_ends_an_open_review_once() {
        for (ClaimStatus decided : List.of(ClaimStatus.APPROVED, ClaimStatus.REJECTED)) {
            Review review = started();

            assertThat(review.claimStatusChanged(decided, snapshot(review, 2), false, LATER)).isTrue();
            assertThat(review.status()).isEqualTo(ReviewStatus.DECIDED);
            assertThat(review.claimStatus()).isEqualTo(decided);
            assertThat(review.deadlines()).isEqualTo(ReviewDeadlines.NONE);
            assertThat(review.claimStatusChanged(decided, snapshot(review, 3), false, LATER)).isFalse();
        }
    }

    @Test
    void other_status_changes_of_the_claim_keep_the_review_open() {
        Review review = started();

        assertThat(review.claimStatusChanged(ClaimStatus.IN_REVIEW, snapshot(review, 2), false, LATER)).isFalse();

        assertThat(review.status()).isEqualTo(ReviewStatus.IN_REVIEW);
        assertThat(review.claimStatus()).isEqualTo(ClaimStatus.IN_REVIEW);
        assertThat(review.currentDueAt()).isEqualTo(DECISION_DUE);
        assertThat(review.claim().version()).isEqualTo(2);
        assertThat(review.updatedAt()).isEqualTo(LATER);
    }

    @Test
    void a_withdrawal_closes_an_open_or_decided_review_and_reports_whether_it_was_still_running() {
        Review open = started();
        assertThat(open.claimStatusChanged(ClaimStatus.REJECTED, snapshot(open, 2), true, LATER)).isTrue();
        assertThat(open.status()).isEqualTo(ReviewStatus.CLOSED);
        assertThat(open.deadlines()).isEqualTo(ReviewDeadlines.NONE);

        Review decided = started();
        approve(decided, REKA, false, null, NOW);
        assertThat(decided.withdrawn(snapshot(decided, 2), LATER)).isTrue();
        assertThat(decided.claimStatus()).isEqualTo(ClaimStatus.REJECTED);
        assertThat(decided.status()).isEqualTo(ReviewStatus.CLOSED);
        assertThat(decided.claim().version()).isEqualTo(2);
        assertThat(decided.withdrawn(snapshot(decided, 3), LATER)).isFalse();
        assertThat(decided.claimStatusChanged(ClaimStatus.REJECTED, snapshot(decided, 4), true, LATER)).isFalse();
    }

    @Test
    void a_refused_outcome_closes_the_review_once_and_keeps_the_claim_status_when_none_is_given() {
        Review review = started();
        UUID approval = approve(review, REKA, false, null, NOW).eventId();

        assertThat(review.outcomeRefused(null, ClaimStatus.REJECTED, LATER)).isFalse();
        assertThat(review.outcomeRefused(approval, null, LATER)).isTrue();
        assertThat(review.claimStatus()).isEqualTo(ClaimStatus.SUBMITTED);
        assertThat(review.updatedAt()).isEqualTo(LATER);
        assertThat(review.outcomeRefused(approval, ClaimStatus.REJECTED, LATER.plusSeconds(1))).isFalse();
        assertThat(review.updatedAt()).isEqualTo(LATER);
    }

    @Test
    void detected_competitors_are_shown_and_a_snapshot_without_them_does_not_erase_them() {
        Review review = started();

        review.competingClaimsDetected(List.of("c-a", "c-b"), snapshot(review, 2), LATER);
        assertThat(review.competingClaimIds()).containsExactly("c-a", "c-b");
        assertThat(review.claim().version()).isEqualTo(2);
        assertThat(review.updatedAt()).isEqualTo(LATER);
        review.competingClaimsDetected(null, null, LATER);
        assertThat(review.competingClaimIds()).containsExactly("c-a", "c-b");

        review.claimUpdated(snapshot(review, 3), LATER);
        assertThat(review.competingClaimIds()).containsExactly("c-a", "c-b");
        review.claimUpdated(ClaimEvents.renamed(ClaimEvents.snapshot(review.claimId(), ClaimStatus.IN_REVIEW,
                List.of("c-c"), NOW), "with competitor", 4), LATER);
        assertThat(review.competingClaimIds()).containsExactly("c-c");
    }

    // ---- the overall decision target (§8)

    @Test
    void the_decision_target_runs_from_the_queue_and_is_announced_with_it() {
        Review review = queued(List.of());

        assertThat(review.decisionTargetDueAt()).isEqualTo(TARGET);
        assertThat(review.queuedEvent(NOW).decisionTargetDueAt()).isEqualTo(TARGET);
        review.start(REKA, false, NOW, DECISION_DUE);
        assertThat(review.decisionTargetDueAt()).as("starting keeps it running").isEqualTo(TARGET);
    }

    @Test
    void the_decision_target_pauses_while_the_partner_acts_and_resumes_moved_on_with_the_resubmission() {
        Review review = awaitingPartner();

        assertThat(review.decisionTargetDueAt()).as("not shown while paused").isNull();
        assertThat(review.decisionTarget()).isEqualTo(TARGET);
        assertThat(review.decisionTargetPausedAt()).isEqualTo(NOW);
        assertThat(review.decisionTargetBreach(1, TARGET)).as("the partner's time does not count").isEmpty();

        Instant resumed = TARGET.plus(Duration.ofDays(2));
        ReviewQueued announced = review.requeueAfterResubmission(snapshot(review, 2), LATER, START_DUE, resumed);

        assertThat(announced.decisionTargetDueAt()).isEqualTo(resumed);
        assertThat(review.decisionTargetDueAt()).isEqualTo(resumed);
        assertThat(review.decisionTargetPausedAt()).isNull();
    }

    @Test
    void a_withdrawal_while_the_partner_acts_ends_the_paused_decision_target_with_the_review() {
        Review review = awaitingPartner();

        assertThat(review.withdrawn(snapshot(review, 2), LATER)).isTrue();

        assertThat(review.status()).isEqualTo(ReviewStatus.CLOSED);
        assertThat(review.decisionTarget()).isNull();
        assertThat(review.decisionTargetPausedAt()).isNull();
    }

    @Test
    void a_review_without_a_decision_target_does_not_pause_one() {
        String claimId = ClaimEvents.newClaimId();
        Review review = Review.queue(claimId, ClaimEvents.snapshot(claimId, ClaimStatus.SUBMITTED, List.of(), NOW), NOW,
                START_DUE, null);
        review.start(REKA, false, NOW, DECISION_DUE);
        review.requestPartnerAction(REKA, false, List.of(PartnerActionReason.MISSING_ALL_POE), "attach", List.of(), NOW,
                RESPOND_BY);

        assertThat(review.decisionTargetPausedAt()).isNull();
        assertThat(review.decisionTargetBreach(1, TARGET)).isEmpty();
    }

    @Test
    void a_missed_decision_target_escalates_while_undecided_in_its_round_and_changes_nothing() {
        Review queued = queued(List.of());
        assertThat(queued.decisionTargetBreach(1, TARGET)).get().satisfies(breach -> {
            assertThat(breach.dueAt()).isEqualTo(TARGET);
            assertThat(breach.assignedReviewer()).isNull();
            assertThat(breach.claimId()).isEqualTo(queued.claimId());
        });
        assertThat(queued.decisionTargetBreach(2, TARGET)).isEmpty();
        assertThat(queued.status()).isEqualTo(ReviewStatus.QUEUED);

        Review started = started();
        assertThat(started.decisionTargetBreach(1, TARGET)).get()
                .satisfies(breach -> assertThat(breach.assignedReviewer()).isEqualTo(REKA));
        approve(started, REKA, false, null, LATER);
        assertThat(started.decisionTargetBreach(1, TARGET)).isEmpty();
        assertThat(started.decisionTargetDueAt()).isNull();
    }

    @Test
    void a_dispute_has_no_decision_target_and_announces_its_own_deadline() {
        Review review = started();
        review.reject(REKA, false, RejectionReason.INSUFFICIENT_POE, "unsigned", NOW);

        ReviewQueued announced = review.openDispute(ClaimEvents.snapshot(review.claimId(), ClaimStatus.DISPUTED,
                List.of(), NOW), LATER, DECISION_DUE);

        assertThat(announced.disputeReviewDueAt()).isEqualTo(DECISION_DUE);
        assertThat(announced.reviewStartDueAt()).isNull();
        assertThat(announced.decisionTargetDueAt()).isNull();
        assertThat(review.decisionTarget()).isNull();
    }

    @Test
    void a_refused_overturn_reopens_the_dispute_in_a_new_round_with_its_own_deadline() {
        Review review = rejectedThenDisputed();
        UUID overturn = decideDispute(review, REKA, false, DisputeDecided.Outcome.OVERTURN, LATER).eventId();
        Instant newDue = LATER.plus(Duration.ofDays(5));

        assertThat(review.reopenRefusedDispute(UUID.randomUUID(), ClaimStatus.DISPUTED, LATER, newDue)).isEmpty();
        assertThat(review.reopenRefusedDispute(overturn, ClaimStatus.APPROVED, LATER, newDue)).isEmpty();
        assertThat(review.status()).isEqualTo(ReviewStatus.DECIDED);

        ReviewQueued reopened = review.reopenRefusedDispute(overturn, ClaimStatus.DISPUTED, LATER, newDue).orElseThrow();

        assertThat(reopened.disputeReviewDueAt()).isEqualTo(newDue);
        assertThat(review.status()).isEqualTo(ReviewStatus.DISPUTE_OPEN);
        assertThat(review.round()).isEqualTo(3);
        assertThat(review.claim().status()).as("the claim as last seen stays").isEqualTo(ClaimStatus.DISPUTED);
        assertThat(review.lastOutcomeEventId()).isNull();
        assertThat(review.reopenRefusedDispute(overturn, ClaimStatus.DISPUTED, LATER, newDue)).isEmpty();
    }

    // ---- contact-domain warning (§8)

    @Test
    void an_approval_despite_a_contact_domain_warning_needs_the_reviewer_s_reason_and_keeps_it() {
        Review review = startedWithContact("anna@mailbox.example");
        assertThat(review.contactDomainWarning()).isPresent();

        assertThatThrownBy(() -> review.approve(REKA, false, "ok", " ", LATER))
                .isInstanceOfSatisfying(InvalidReviewInputException.class,
                        e -> assertThat(e.field()).isEqualTo("contactDomainReason"))
                .hasMessageContaining("mailbox.example");
        assertThatThrownBy(() -> review.approve(REKA, false, "ok", null, LATER))
                .isInstanceOf(InvalidReviewInputException.class);
        assertThat(review.status()).isEqualTo(ReviewStatus.IN_REVIEW);

        ReviewApproved approved = review.approve(REKA, false, "ok", "  confirmed by phone  ", LATER);
        assertThat(approved.contactDomainReason()).isEqualTo("confirmed by phone");
    }

    @Test
    void without_a_warning_an_approval_keeps_no_contact_domain_reason() {
        Review review = started();
        assertThat(review.contactDomainWarning()).isEmpty();

        assertThat(review.approve(REKA, false, "ok", "not needed", LATER).contactDomainReason()).isNull();
    }

    @Test
    void an_overturn_despite_the_warning_needs_the_reason_and_an_upheld_dispute_does_not() {
        Review overturned = disputedWithContact("anna@mailbox.example");
        assertThatThrownBy(() -> overturned.decideDispute(REKA, false, DisputeDecided.Outcome.OVERTURN, "ok", null, LATER))
                .isInstanceOfSatisfying(InvalidReviewInputException.class,
                        e -> assertThat(e.field()).isEqualTo("contactDomainReason"));
        assertThat(overturned.decideDispute(REKA, false, DisputeDecided.Outcome.OVERTURN, "ok", "checked", LATER)
                .contactDomainReason()).isEqualTo("checked");

        Review upheld = disputedWithContact("anna@mailbox.example");
        assertThat(upheld.decideDispute(REKA, false, DisputeDecided.Outcome.UPHOLD, "no", "ignored", LATER)
                .contactDomainReason()).isNull();
    }

    // ---- the status and action tables

    @Test
    void each_action_is_allowed_in_exactly_its_states() {
        assertThat(allowedIn(ReviewAction.START)).containsExactly(ReviewStatus.QUEUED);
        for (ReviewAction decision : List.of(ReviewAction.REQUEST_PARTNER_ACTION, ReviewAction.APPROVE, ReviewAction.REJECT)) {
            assertThat(allowedIn(decision)).containsExactly(ReviewStatus.IN_REVIEW);
        }
        assertThat(allowedIn(ReviewAction.DECIDE_DISPUTE)).containsExactly(ReviewStatus.DISPUTE_OPEN);
        assertThat(allowedIn(ReviewAction.REASSIGN)).containsExactly(ReviewStatus.QUEUED, ReviewStatus.IN_REVIEW,
                ReviewStatus.AWAITING_PARTNER, ReviewStatus.DISPUTE_OPEN);
        assertThat(List.of(ReviewAction.values())).extracting(ReviewAction::apiName).containsExactly("start",
                "request-partner-action", "approve", "reject", "dispute-decision", "reassign");
    }

    @Test
    void a_decided_or_closed_review_waits_for_nothing() {
        assertThat(EnumSet.allOf(ReviewStatus.class).stream().filter(ReviewStatus::isOpen))
                .containsExactly(ReviewStatus.QUEUED, ReviewStatus.IN_REVIEW, ReviewStatus.AWAITING_PARTNER,
                        ReviewStatus.DISPUTE_OPEN);
        Review closed = started();
        closed.withdrawn(snapshot(closed, 2), LATER);
        assertThat(closed.currentDueAt()).isNull();
    }

    @Test
    void a_missing_review_names_its_claim() {
        ReviewNotFoundException missing = new ReviewNotFoundException("c-1");
        assertThat(missing).hasMessage("No review of claim c-1");
        assertThat(missing.claimId()).isEqualTo("c-1");
    }

    // ---- fixtures (one place to follow the domain's signatures)

    private static List<ReviewStatus> allowedIn(ReviewAction action) {
        return EnumSet.allOf(ReviewStatus.class).stream().filter(action::isAllowedIn).toList();
    }

    private static ClaimSnapshot snapshot(Review review, long version) {
        return ClaimEvents.renamed(review.claim(), review.claim().name(), version);
    }

    private static Review queued(List<String> competing) {
        String claimId = ClaimEvents.newClaimId();
        return Review.queue(claimId, ClaimEvents.snapshot(claimId, ClaimStatus.SUBMITTED, competing, NOW), NOW, START_DUE,
                TARGET);
    }

    private static Review started() {
        Review review = queued(List.of());
        review.start(REKA, false, NOW, DECISION_DUE);
        return review;
    }

    private static Review awaitingPartner() {
        Review review = started();
        review.requestPartnerAction(REKA, false, List.of(PartnerActionReason.MISSING_ALL_POE), "attach the PoE",
                List.of(), NOW, RESPOND_BY);
        return review;
    }

    private static Review rejectedThenDisputed() {
        Review review = started();
        review.reject(REKA, false, RejectionReason.INSUFFICIENT_POE, "unsigned", NOW);
        review.openDispute(ClaimEvents.snapshot(review.claimId(), ClaimStatus.DISPUTED, List.of(), NOW), LATER, DECISION_DUE);
        return review;
    }

    private static Review startedWithContact(String email) {
        String claimId = ClaimEvents.newClaimId();
        Review review = Review.queue(claimId, ClaimEvents.snapshot(claimId, ClaimStatus.SUBMITTED, List.of(), NOW, email),
                NOW, START_DUE, TARGET);
        review.start(REKA, false, NOW, DECISION_DUE);
        return review;
    }

    private static Review disputedWithContact(String email) {
        Review review = startedWithContact(email);
        review.reject(REKA, false, RejectionReason.INSUFFICIENT_POE, "unsigned", NOW);
        review.openDispute(null, LATER, DECISION_DUE);
        return review;
    }

    private static ReviewApproved approve(Review review, Actor caller, boolean lead, String comment, Instant now) {
        return review.approve(caller, lead, comment, null, now);
    }

    private static DisputeDecided decideDispute(Review review, Actor caller, boolean lead, DisputeDecided.Outcome outcome,
                                                Instant now) {
        return review.decideDispute(caller, lead, outcome, "decided", null, now);
    }
}
