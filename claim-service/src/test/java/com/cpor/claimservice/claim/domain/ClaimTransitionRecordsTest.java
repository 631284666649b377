package com.cpor.claimservice.claim.domain;

import com.cpor.events.ClaimStatus;
import com.cpor.events.PartnerActionReason;
import com.cpor.events.RejectionReason;
import com.cpor.events.WithdrawalReason;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static com.cpor.claimservice.claim.domain.Claims.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What each step of §3 leaves on the claim besides its status: the transition published (actor, reasons, comment),
 * the deadlines shown to partner and reviewers (§4), the timestamps and the version that history and optimistic
 * locking rely on.
 */
class ClaimTransitionRecordsTest {

    private static final Instant LATER = NOW.plus(Duration.ofHours(2));
    private static final Instant DUE = NOW.plus(Duration.ofDays(7));

    @Test
    void a_first_submission_records_when_it_was_submitted_and_publishes_the_partner_without_a_comment() {
        Claim claim = Claim.create("c-1", microsoft365(), NOW, 1);

        Transition transition = claim.submit(PARTNER, 1, LATER);

        assertThat(transition).isEqualTo(new Transition(ClaimStatus.EDITING, ClaimStatus.SUBMITTED, PARTNER, List.of(), null));
        assertThat(claim.submittedAt()).isEqualTo(LATER);
        assertThat(claim.updatedAt()).isEqualTo(LATER);
        assertThat(claim.createdAt()).isEqualTo(NOW);
        assertThat(claim.version()).isEqualTo(2);
        assertThat(claim.isResubmission(transition)).isFalse();
    }

    @Test
    void a_resubmission_keeps_the_first_submission_time_and_stops_the_partner_response_clock() {
        Claim claim = Claim.create("c-1", microsoft365(), NOW, 1);
        claim.submit(PARTNER, 1, NOW);
        claim.startReview(REVIEWER, DUE, NOW);
        claim.requestPartnerAction(REVIEWER, List.of(PartnerActionReason.MISSING_PRODUCTS), "add Teams", DUE, NOW);
        assertThat(claim.deadlines().partnerResponseDueAt()).isEqualTo(DUE);
        assertThat(claim.deadlines().reviewDecisionDueAt()).isNull();

        Transition transition = claim.submit(PARTNER, 1, LATER);

        assertThat(transition.from()).isEqualTo(ClaimStatus.PARTNER_ACTION_REQUIRED);
        assertThat(transition.comment()).isEqualTo("resubmitted");
        assertThat(claim.isResubmission(transition)).isTrue();
        assertThat(claim.submittedAt()).isEqualTo(NOW);
        assertThat(claim.deadlines().partnerResponseDueAt()).isNull();
    }

    @Test
    void submission_checks_the_fields_again_under_the_limits_in_force() {
        Claim claim = Claim.create("c-1", microsoft365(), NOW, 1);

        assertThatThrownBy(() -> claim.submit(PARTNER, 1, NOW, new FieldLimits(200, 1)))
                .isInstanceOfSatisfying(InvalidClaimException.class, e -> assertThat(e.violations())
                        .containsExactly(new Violation("products", "at most 1 products per claim")));
        assertThat(claim.status()).isEqualTo(ClaimStatus.EDITING);
        assertThat(claim.submittedAt()).isNull();
    }

    @Test
    void starting_a_review_replaces_the_start_deadline_by_the_decision_deadline() {
        Claim claim = Claims.inStatus(ClaimStatus.SUBMITTED);
        Instant target = NOW.plus(Duration.ofDays(14));
        assertThat(claim.recordReviewQueued(NOW.plus(Duration.ofDays(5)), null, target, NOW)).isTrue();
        assertThat(claim.deadlines().reviewStartDueAt()).isEqualTo(NOW.plus(Duration.ofDays(5)));
        assertThat(claim.deadlines().decisionTargetDueAt()).isEqualTo(target);

        Transition transition = claim.startReview(REVIEWER, DUE, LATER);

        assertThat(transition).isEqualTo(new Transition(ClaimStatus.SUBMITTED, ClaimStatus.IN_REVIEW, REVIEWER, List.of(), null));
        assertThat(claim.deadlines().reviewStartDueAt()).isNull();
        assertThat(claim.deadlines().reviewDecisionDueAt()).isEqualTo(DUE);
        assertThat(claim.deadlines().decisionTargetDueAt()).as("the decision target keeps running").isEqualTo(target);
        assertThat(claim.updatedAt()).isEqualTo(LATER);
    }

    @Test
    void a_dispute_review_queued_and_started_keeps_the_claim_disputed_with_its_dispute_review_deadline() {
        Claim claim = Claims.inStatus(ClaimStatus.DISPUTED);
        long version = claim.version();
        Instant queuedDue = NOW.plus(Duration.ofDays(5));

        assertThat(claim.recordReviewQueued(null, queuedDue, NOW.plus(Duration.ofDays(14)), NOW)).isTrue();
        assertThat(claim.deadlines().disputeReviewDueAt()).isEqualTo(queuedDue);
        assertThat(claim.deadlines().reviewStartDueAt()).isNull();
        assertThat(claim.deadlines().decisionTargetDueAt()).as("no decision target for a dispute").isNull();
        assertThat(claim.version()).isEqualTo(version + 1);

        // a start without its own due time keeps the one set when the dispute was queued
        assertThat(claim.startReview(REVIEWER, null, LATER)).isNull();
        assertThat(claim.deadlines().disputeReviewDueAt()).isEqualTo(queuedDue);
        assertThat(claim.startReview(REVIEWER, DUE, LATER)).isNull();
        assertThat(claim.deadlines().disputeReviewDueAt()).isEqualTo(DUE);
        assertThat(claim.status()).isEqualTo(ClaimStatus.DISPUTED);
        assertThat(claim.version()).isEqualTo(version + 3);
    }

    @Test
    void a_review_queued_for_a_claim_no_longer_waiting_changes_nothing() {
        for (ClaimStatus status : List.of(ClaimStatus.EDITING, ClaimStatus.IN_REVIEW, ClaimStatus.APPROVED, ClaimStatus.REJECTED)) {
            Claim claim = Claims.inStatus(status);
            Deadlines before = claim.deadlines();

            assertThat(claim.recordReviewQueued(DUE, DUE, DUE, LATER)).as(status.name()).isFalse();
            assertThat(claim.deadlines()).isEqualTo(before);
            assertThat(claim.updatedAt()).isEqualTo(NOW);
            assertThat(claim.version()).isEqualTo(3);
        }
    }

    @Test
    void approval_records_the_reviewer_and_time_and_stops_every_review_clock() {
        Claim claim = Claims.inStatus(ClaimStatus.SUBMITTED);
        claim.startReview(REVIEWER, DUE, NOW);

        Transition transition = claim.approve(REVIEWER, "PoE signed", LATER);

        assertThat(transition).isEqualTo(new Transition(ClaimStatus.IN_REVIEW, ClaimStatus.APPROVED, REVIEWER, List.of(), "PoE signed"));
        assertThat(claim.approvedAt()).isEqualTo(LATER);
        assertThat(claim.deadlines()).isEqualTo(Deadlines.NONE);
        assertThat(claim.wasSentToEvaluation()).isFalse();
    }

    @Test
    void a_partner_action_request_publishes_its_reasons_and_comment_and_starts_the_response_clock() {
        Claim claim = Claims.inStatus(ClaimStatus.SUBMITTED);
        claim.recordReviewQueued(NOW.plus(Duration.ofDays(5)), null, NOW.plus(Duration.ofDays(14)), NOW);
        claim.startReview(REVIEWER, NOW.plus(Duration.ofDays(5)), NOW);

        Transition transition = claim.requestPartnerAction(REVIEWER, List.of(PartnerActionReason.MISSING_ALL_POE,
                PartnerActionReason.MISSING_PRODUCTS), "attach the PoE", DUE, LATER);

        assertThat(transition).isEqualTo(new Transition(ClaimStatus.IN_REVIEW, ClaimStatus.PARTNER_ACTION_REQUIRED, REVIEWER,
                List.of("MISSING_ALL_POE", "MISSING_PRODUCTS"), "attach the PoE"));
        assertThat(claim.deadlines().partnerResponseDueAt()).isEqualTo(DUE);
        assertThat(claim.deadlines().reviewDecisionDueAt()).isNull();
        assertThat(claim.deadlines().decisionTargetDueAt()).as("paused while the partner acts").isNull();
    }

    @Test
    void no_partner_response_is_a_rejection_that_can_still_be_disputed() {
        Claim claim = Claims.inStatus(ClaimStatus.PARTNER_ACTION_REQUIRED);
        Instant disputeUntil = NOW.plus(Duration.ofDays(30));

        Transition transition = claim.reject(REVIEWER, RejectionReason.NO_PARTNER_RESPONSE, "no answer", disputeUntil, NOW);

        assertThat(transition.reasonCodes()).containsExactly("NO_PARTNER_RESPONSE");
        assertThat(claim.rejection()).isEqualTo(new Rejection(RejectionReason.NO_PARTNER_RESPONSE, "no answer", NOW, false));
        assertThat(claim.deadlines()).isEqualTo(Deadlines.NONE.withDisputeUntil(disputeUntil));
        assertThat(claim.allowedActions(NOW)).contains(ClaimAction.DISPUTE);
    }

    @Test
    void a_dispute_counts_against_the_policy_carries_the_justification_and_closes_the_dispute_window() {
        Claim claim = Claim.restore("c-1", microsoft365(), ClaimStatus.REJECTED,
                new Rejection(RejectionReason.INSUFFICIENT_POE, "unsigned", NOW, false),
                Deadlines.NONE.withDisputeUntil(NOW.plus(Duration.ofDays(30))), List.of(), null, 0, NOW, null, NOW, NOW, 3, 2);

        Transition transition = claim.dispute(PARTNER, "signed on page 2", LATER);

        assertThat(transition).isEqualTo(new Transition(ClaimStatus.REJECTED, ClaimStatus.DISPUTED, PARTNER,
                List.of("INSUFFICIENT_POE"), "signed on page 2"));
        assertThat(claim.disputeCount()).isEqualTo(1);
        assertThat(claim.deadlines().disputeUntil()).isNull();

        // a policy of two disputes: the second is allowed, a third is not
        claim.decideDispute(REVIEWER, false, "still unsigned", LATER);
        Claim again = Claim.restore("c-1", claim.details(), ClaimStatus.REJECTED,
                new Rejection(RejectionReason.INSUFFICIENT_POE, "unsigned", NOW, false),
                Deadlines.NONE.withDisputeUntil(NOW.plus(Duration.ofDays(30))), List.of(), null, claim.disputeCount(),
                NOW, null, NOW, NOW, 5, 2);
        again.dispute(PARTNER, "second try", LATER);
        assertThat(again.disputeCount()).isEqualTo(2);
        again.decideDispute(REVIEWER, false, "no", LATER);
        Claim third = Claim.restore("c-1", claim.details(), ClaimStatus.REJECTED,
                new Rejection(RejectionReason.INSUFFICIENT_POE, "unsigned", NOW, false),
                Deadlines.NONE.withDisputeUntil(NOW.plus(Duration.ofDays(30))), List.of(), null, again.disputeCount(),
                NOW, null, NOW, NOW, 7, 2);
        assertThatThrownBy(() -> third.dispute(PARTNER, "third", LATER)).hasMessageContaining("already disputed 2 time(s)");
    }

    @Test
    void only_a_rejected_claim_can_be_disputed_and_the_refusal_says_so() {
        assertThatThrownBy(() -> Claims.inStatus(ClaimStatus.APPROVED).dispute(PARTNER, "why", NOW))
                .isInstanceOf(ActionNotAllowedException.class)
                .hasMessage("Only a rejected claim can be disputed");
    }

    @Test
    void overturning_a_dispute_approves_the_claim_and_drops_the_rejection() {
        Claim claim = Claims.inStatus(ClaimStatus.DISPUTED);
        claim.recordReviewQueued(null, DUE, null, NOW);

        Transition transition = claim.decideDispute(REVIEWER, true, "signature found", LATER);

        assertThat(transition).isEqualTo(new Transition(ClaimStatus.DISPUTED, ClaimStatus.APPROVED, REVIEWER,
                List.of("OVERTURN"), "signature found"));
        assertThat(claim.rejection()).isNull();
        assertThat(claim.approvedAt()).isEqualTo(LATER);
        assertThat(claim.deadlines()).isEqualTo(Deadlines.NONE);
    }

    @Test
    void upholding_a_dispute_makes_the_original_rejection_final_with_the_reviewer_s_answer() {
        Claim claim = Claims.inStatus(ClaimStatus.DISPUTED);

        Transition transition = claim.decideDispute(REVIEWER, false, "still unsigned", LATER);

        assertThat(transition).isEqualTo(new Transition(ClaimStatus.DISPUTED, ClaimStatus.REJECTED, REVIEWER,
                List.of("UPHOLD", "INSUFFICIENT_POE"), "still unsigned"));
        assertThat(claim.rejection()).isEqualTo(new Rejection(RejectionReason.INSUFFICIENT_POE, "still unsigned", LATER, true));
        assertThat(claim.approvedAt()).isNull();
        assertThat(claim.allowedActions(LATER)).containsExactly(ClaimAction.COMMENT);
    }

    @Test
    void the_consent_window_end_is_shown_on_the_approved_claim_until_it_is_sent_to_evaluation() {
        Claim claim = Claims.inStatus(ClaimStatus.APPROVED);

        claim.recordConsentWindow(DUE, LATER);

        assertThat(claim.deadlines().consentWindowEndsAt()).isEqualTo(DUE);
        assertThat(claim.version()).isEqualTo(4);
        assertThat(claim.updatedAt()).isEqualTo(LATER);

        claim.sendToEvaluation(DUE);
        assertThat(claim.eligibilitySentAt()).isEqualTo(DUE);
        assertThat(claim.wasSentToEvaluation()).isTrue();
        assertThat(claim.status()).isEqualTo(ClaimStatus.APPROVED);
        assertThatThrownBy(() -> claim.recordConsentWindow(DUE, DUE))
                .isInstanceOfSatisfying(ActionNotAllowedException.class,
                        e -> assertThat(e.action()).isEqualTo(ClaimAction.OPEN_CONSENT_WINDOW))
                .hasMessageContaining("already closed");
    }

    @Test
    void a_consent_window_opens_only_on_an_approved_claim() {
        Claim claim = Claims.inStatus(ClaimStatus.IN_REVIEW);

        assertThatThrownBy(() -> claim.recordConsentWindow(DUE, NOW))
                .isInstanceOfSatisfying(ActionNotAllowedException.class, e -> {
                    assertThat(e.action()).isEqualTo(ClaimAction.OPEN_CONSENT_WINDOW);
                    assertThat(e.allowedActions()).containsExactly(ClaimAction.WITHDRAW, ClaimAction.COMMENT);
                })
                .hasMessage("'open-consent-window' needs a claim in APPROVED, but it is IN_REVIEW");
        assertThat(claim.deadlines().consentWindowEndsAt()).isNull();
    }

    @Test
    void a_customer_decline_is_a_final_rejection_without_a_comment_that_stops_the_window() {
        Claim claim = Claims.inStatus(ClaimStatus.APPROVED);
        claim.recordConsentWindow(DUE, NOW);

        Transition transition = claim.declineConsent(CUSTOMER, LATER);

        assertThat(transition).isEqualTo(new Transition(ClaimStatus.APPROVED, ClaimStatus.REJECTED, CUSTOMER,
                List.of("CUSTOMER_DECLINED"), null));
        assertThat(claim.rejection()).isEqualTo(new Rejection(RejectionReason.CUSTOMER_DECLINED, null, LATER, true));
        assertThat(claim.deadlines()).isEqualTo(Deadlines.NONE);
    }

    @Test
    void withdrawing_an_approved_claim_keeps_its_consent_window_end_and_other_withdrawals_clear_the_clocks() {
        Claim approved = Claims.inStatus(ClaimStatus.APPROVED);
        approved.recordConsentWindow(DUE, NOW);
        approved.withdraw(PARTNER, WithdrawalReason.WRONG_PARTNER_ID, "wrong MPN", LATER);
        assertThat(approved.deadlines()).isEqualTo(Deadlines.NONE.withConsentWindowEndsAt(DUE));

        Claim inReview = Claims.inStatus(ClaimStatus.SUBMITTED);
        inReview.startReview(REVIEWER, DUE, NOW);
        Transition transition = inReview.withdraw(PARTNER, WithdrawalReason.WRONG_PARTNER_ID, "wrong MPN", LATER);
        assertThat(inReview.deadlines()).isEqualTo(Deadlines.NONE);
        assertThat(transition.reasonCodes()).containsExactly("PARTNER_REQUEST", "WRONG_PARTNER_ID");
        assertThat(inReview.rejection()).isEqualTo(new Rejection(RejectionReason.PARTNER_REQUEST, "wrong MPN", LATER, true,
                WithdrawalReason.WRONG_PARTNER_ID));
    }

    @Test
    void a_claim_in_editing_cannot_be_withdrawn_and_is_told_it_can_be_deleted() {
        assertThatThrownBy(() -> Claims.inStatus(ClaimStatus.EDITING).withdraw(PARTNER, WithdrawalReason.OTHER, "oops", NOW))
                .hasMessageEndingWith("; a claim in EDITING can be deleted");
        assertThatThrownBy(() -> Claims.inStatus(ClaimStatus.DISPUTED).withdraw(PARTNER, WithdrawalReason.OTHER, "oops", NOW))
                .hasMessageNotContaining("deleted");
    }

    @Test
    void an_edit_that_changes_something_moves_the_version_and_one_that_changes_nothing_does_not() {
        Claim claim = Claims.inStatus(ClaimStatus.SUBMITTED);
        ClaimDetails same = claim.details();

        assertThat(claim.edit(same, Set.of("partnerId"), LATER)).isEmpty();
        assertThat(claim.version()).isEqualTo(3);
        assertThat(claim.updatedAt()).isEqualTo(NOW);

        ClaimDetails moved = new ClaimDetails(same.name(), "7654321", same.solutionArea(), same.activity(),
                same.customer(), same.products(), same.customerContact(), null, same.partnerContact(), null, null);
        assertThat(claim.edit(moved, Set.of("partnerId"), LATER))
                .containsExactly(new FieldChange("partnerId", "1234567", "7654321"));
        assertThat(claim.version()).isEqualTo(4);
        assertThat(claim.updatedAt()).isEqualTo(LATER);
    }

    @Test
    void a_refused_edit_names_the_status_it_was_refused_in() {
        Claim claim = Claims.inStatus(ClaimStatus.SUBMITTED);

        assertThatThrownBy(() -> claim.edit(claim.details(), Set.of("name", "activity"), NOW))
                .isInstanceOfSatisfying(FieldsNotEditableException.class, e -> {
                    assertThat(e.fields()).containsExactly("activity", "name");
                    assertThat(e.status()).isEqualTo(ClaimStatus.SUBMITTED);
                });
    }

    @Test
    void documents_are_added_while_preparing_answering_or_disputing_and_move_the_version() {
        Claim claim = Claims.inStatus(ClaimStatus.REJECTED);
        claim.checkCanAddDocument(NOW);
        claim.documentAdded(LATER);
        assertThat(claim.version()).isEqualTo(4);
        assertThat(claim.updatedAt()).isEqualTo(LATER);

        assertThatThrownBy(() -> Claims.inStatus(ClaimStatus.IN_REVIEW).checkCanAddDocument(NOW))
                .isInstanceOfSatisfying(ActionNotAllowedException.class,
                        e -> assertThat(e.action()).isEqualTo(ClaimAction.UPLOAD_DOCUMENT))
                .hasMessage("Documents cannot be added to a claim in IN_REVIEW");
        Claim lateRejection = rejected(RejectionReason.INSUFFICIENT_POE, false, NOW, 0);
        assertThatThrownBy(() -> lateRejection.checkCanAddDocument(NOW.plusSeconds(1)))
                .isInstanceOf(ActionNotAllowedException.class);
    }

    @Test
    void a_newly_flagged_competitor_moves_the_version_and_keeps_earlier_ones_first() {
        Claim claim = Claims.inStatus(ClaimStatus.SUBMITTED);

        assertThat(claim.flagCompetingWith(List.of("c-a"), LATER)).isTrue();
        assertThat(claim.version()).isEqualTo(4);
        assertThat(claim.updatedAt()).isEqualTo(LATER);
        assertThat(claim.flagCompetingWith(List.of("c-b", "c-a"), LATER)).isTrue();
        assertThat(claim.competingClaimIds()).containsExactly("c-a", "c-b");
        assertThat(claim.version()).isEqualTo(5);
    }

    @Test
    void a_restored_claim_keeps_its_identity_and_times() {
        Instant approvedAt = NOW.minus(Duration.ofDays(3));
        Claim claim = Claim.restore("c-42", microsoft365(), ClaimStatus.APPROVED, null, null, List.of(), DUE, 0,
                NOW.minus(Duration.ofDays(9)), approvedAt, NOW.minus(Duration.ofDays(10)), NOW, 9, 1);

        assertThat(claim.id()).isEqualTo("c-42");
        assertThat(claim.deadlines()).isEqualTo(Deadlines.NONE);
        assertThat(claim.eligibilitySentAt()).isEqualTo(DUE);
        assertThat(claim.submittedAt()).isEqualTo(NOW.minus(Duration.ofDays(9)));
        assertThat(claim.approvedAt()).isEqualTo(approvedAt);
        assertThat(claim.createdAt()).isEqualTo(NOW.minus(Duration.ofDays(10)));
        assertThat(claim.version()).isEqualTo(9);
    }

    @Test
    void allowed_actions_are_named_on_the_wire_as_in_the_api() {
        assertThat(Claims.inStatus(ClaimStatus.PARTNER_ACTION_REQUIRED).allowedActions(NOW))
                .extracting(ClaimAction::wireName)
                .containsExactly("edit", "upload-document", "resubmit", "withdraw", "comment");
        assertThat(Claims.inStatus(ClaimStatus.EDITING).allowedActions(NOW))
                .extracting(ClaimAction::wireName)
                .containsExactly("edit", "upload-document", "submit", "delete", "comment");
    }

    @Test
    void an_overturn_is_refused_while_another_active_claim_holds_the_workload_and_an_uphold_is_not() {
        Claim claim = Claims.inStatus(ClaimStatus.DISPUTED);
        List<String> heldBy = List.of("TEAMS is held by claim c-other (IN_REVIEW)");

        assertThatThrownBy(() -> claim.decideDispute(REVIEWER, true, "signature found", heldBy, LATER))
                .isInstanceOfSatisfying(ActionNotAllowedException.class,
                        e -> assertThat(e.getMessage()).startsWith("The overturn was not applied: TEAMS is held by claim c-other"));
        assertThat(claim.status()).isEqualTo(ClaimStatus.DISPUTED);
        assertThat(claim.version()).isEqualTo(3);

        Transition upheld = claim.decideDispute(REVIEWER, false, "still unsigned", heldBy, LATER);
        assertThat(upheld.to()).isEqualTo(ClaimStatus.REJECTED);
        assertThat(upheld.reasonCodes()).containsExactly("UPHOLD", "INSUFFICIENT_POE");
    }

    @Test
    void a_restored_claim_keeps_its_open_partner_action_request_and_a_resubmission_still_honours_it() {
        RequestedChanges asked = new RequestedChanges(List.of(PartnerActionReason.MISSING_PRODUCTS), "remove Exchange",
                List.of("EXCHANGE_ONLINE"), NOW);
        Claim claim = Claim.restore("c-1", microsoft365(), ClaimStatus.PARTNER_ACTION_REQUIRED, null, Deadlines.NONE,
                List.of(), null, 0, NOW, null, NOW, NOW, 5, 1, asked);

        assertThat(claim.requestedChanges()).isEqualTo(asked);
        assertThatThrownBy(() -> claim.submit(PARTNER, 1, LATER)).isInstanceOf(ProductsToRemoveException.class);
    }

    @Test
    void a_claim_is_competing_once_another_partners_claim_is_flagged_and_carries_its_directory_organisation() {
        Claim claim = Claims.inStatus(ClaimStatus.SUBMITTED);
        assertThat(claim.isCompeting()).isFalse();
        assertThat(claim.partnerOrganisation()).isNull();

        claim.flagCompetingWith(List.of("c-other"), LATER);
        PartnerOrganisation organisation = new PartnerOrganisation("1234567", "Northwind Partners", "PL",
                "Europe/Warsaw", List.of(), NOW, NOW, 1);
        claim.partnerOrganisationIs(organisation);

        assertThat(claim.isCompeting()).isTrue();
        assertThat(claim.partnerOrganisation()).isEqualTo(organisation);
    }
}
