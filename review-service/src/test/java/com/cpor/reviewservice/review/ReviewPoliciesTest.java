package com.cpor.reviewservice.review;

import com.cpor.events.ClaimSnapshot;
import com.cpor.events.ClaimStatus;
import com.cpor.platform.calendar.BusinessCalendar;
import com.cpor.platform.calendar.BusinessCalendars;
import com.cpor.reviewservice.ClaimEvents;
import com.cpor.reviewservice.config.ReviewConfiguration;
import com.cpor.reviewservice.config.ReviewPolicyProperties;
import com.cpor.reviewservice.review.application.ReviewPolicies;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReviewPoliciesTest {

    private final BusinessCalendar warsaw = new BusinessCalendar(ZoneId.of("Europe/Warsaw"), "pl", Set.of(), Set.of());
    private final Instant thursday = Instant.parse("2026-11-05T09:00:00Z");

    @Test
    void default_policies_are_five_business_days_and_a_reminder_one_business_day_before() {
        ReviewPolicies policies = policies(new ReviewPolicyProperties("5bd", "5bd", "5bd", "1bd", "5bd", "10bd"));

        // Wednesday 11 November (Independence Day) is skipped
        Instant respondBy = policies.partnerResponseDue(thursday, null);
        assertThat(respondBy).isEqualTo(Instant.parse("2026-11-13T09:00:00Z"));
        assertThat(policies.reminderAt(respondBy, null)).isEqualTo(Instant.parse("2026-11-12T09:00:00Z"));
        assertThat(policies.reviewStartDue(thursday)).isEqualTo(respondBy);
    }

    @Test
    void a_local_stack_shortens_policies_with_iso_durations() {
        ReviewPolicies policies = policies(new ReviewPolicyProperties("PT2M", "PT3M", "PT5M", "PT1M", "P1D", "PT10M"));

        assertThat(policies.reviewStartDue(thursday)).isEqualTo(thursday.plusSeconds(120));
        assertThat(policies.decisionDue(thursday)).isEqualTo(thursday.plusSeconds(180));
        assertThat(policies.reminderAt(policies.partnerResponseDue(thursday, null), null)).isEqualTo(thursday.plusSeconds(240));
        assertThat(policies.disputeReviewDue(thursday)).isEqualTo(Instant.parse("2026-11-06T09:00:00Z"));
    }

    @Test
    void the_decision_target_is_ten_business_days_and_moves_on_by_the_business_days_spent_waiting_for_the_partner() {
        ReviewPolicies policies = policies(new ReviewPolicyProperties("5bd", "5bd", "5bd", "1bd", "5bd", "10bd"));

        // Thursday 5 November + 10 business days, skipping Wednesday 11 November
        Instant target = policies.decisionTargetDue(thursday);
        assertThat(target).isEqualTo(Instant.parse("2026-11-20T09:00:00Z"));
        // asked on Friday, answered on Monday: Friday was the partner's, the target moves by one business day
        Instant friday = Instant.parse("2026-11-06T10:00:00Z");
        assertThat(policies.decisionTargetResumed(target, friday, Instant.parse("2026-11-09T08:00:00Z")))
                .isEqualTo(Instant.parse("2026-11-23T09:00:00Z"));
        // answered the same day: nothing moves
        assertThat(policies.decisionTargetResumed(target, friday, friday.plusSeconds(3600))).isEqualTo(target);
    }

    @Test
    void a_decision_target_that_was_not_paused_or_not_yet_resumed_stays_where_it_was() {
        ReviewPolicies policies = policies(new ReviewPolicyProperties("5bd", "5bd", "5bd", "1bd", "5bd", "10bd"));
        Instant target = Instant.parse("2026-11-20T09:00:00Z");
        Instant friday = Instant.parse("2026-11-06T10:00:00Z");

        assertThat(policies.decisionTargetResumed(target, null, friday)).isEqualTo(target);
        assertThat(policies.decisionTargetResumed(target, friday, friday)).isEqualTo(target);
        assertThat(policies.decisionTargetResumed(null, friday, friday.plusSeconds(86_400))).isNull();
    }

    @Test
    void with_a_duration_policy_the_decision_target_moves_on_by_the_length_of_the_pause() {
        ReviewPolicies policies = policies(new ReviewPolicyProperties("PT2M", "PT3M", "PT5M", "PT1M", "P1D", "PT10M"));
        Instant target = thursday.plusSeconds(600);

        assertThat(policies.decisionTargetResumed(target, thursday.plusSeconds(60), thursday.plusSeconds(150)))
                .isEqualTo(thursday.plusSeconds(690));
    }

    @Test
    void partner_deadlines_count_the_partners_country_while_reviewer_slas_count_the_review_teams() {
        ReviewPolicies policies = policies(new ReviewPolicyProperties("5bd", "5bd", "5bd", "1bd", "5bd", "10bd"));
        ClaimSnapshot hungarianPartner = ClaimEvents.snapshot("c-hu", ClaimStatus.SUBMITTED, java.util.List.of(), thursday).withPartnerOrganisation(
                new ClaimSnapshot.PartnerOrganisation("3456789", "Contoso Consulting Kft.", "HU", "Europe/Budapest"));

        // Poland's Independence Day (Wednesday 11 November) is a working day in Hungary
        Instant respondBy = policies.partnerResponseDue(thursday, hungarianPartner);
        assertThat(respondBy).isEqualTo(Instant.parse("2026-11-12T09:00:00Z"));
        assertThat(policies.reminderAt(respondBy, hungarianPartner)).isEqualTo(Instant.parse("2026-11-11T09:00:00Z"));
        assertThat(policies.decisionDue(thursday)).isEqualTo(Instant.parse("2026-11-13T09:00:00Z"));
        assertThat(policies.partnerCalendar(hungarianPartner).zone()).isEqualTo(ZoneId.of("Europe/Budapest"));
        // a claim from before the partner directory: the team's calendar
        assertThat(policies.partnerResponseDue(thursday, ClaimEvents.snapshot("c-old", ClaimStatus.SUBMITTED, java.util.List.of(), thursday)))
                .isEqualTo(Instant.parse("2026-11-13T09:00:00Z"));
    }

    @Test
    void a_malformed_policy_stops_the_service_naming_the_property() {
        assertThatThrownBy(() -> policies(new ReviewPolicyProperties("5bd", "five days", "5bd", "1bd", "5bd", "10bd")))
                .hasMessageContaining("cpor.review.policy.review-decision");
    }

    private ReviewPolicies policies(ReviewPolicyProperties properties) {
        return new ReviewConfiguration().reviewPolicies(properties, new BusinessCalendars(warsaw));
    }
}
