package com.cpor.reviewservice.review;

import com.cpor.platform.calendar.BusinessCalendar;
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
        ReviewPolicies policies = policies(new ReviewPolicyProperties("5bd", "5bd", "5bd", "1bd", "5bd"));

        // Wednesday 11 November (Independence Day) is skipped
        Instant respondBy = policies.partnerResponseDue(thursday);
        assertThat(respondBy).isEqualTo(Instant.parse("2026-11-13T09:00:00Z"));
        assertThat(policies.reminderAt(respondBy)).isEqualTo(Instant.parse("2026-11-12T09:00:00Z"));
        assertThat(policies.reviewStartDue(thursday)).isEqualTo(respondBy);
    }

    @Test
    void a_local_stack_shortens_policies_with_iso_durations() {
        ReviewPolicies policies = policies(new ReviewPolicyProperties("PT2M", "PT3M", "PT5M", "PT1M", "P1D"));

        assertThat(policies.reviewStartDue(thursday)).isEqualTo(thursday.plusSeconds(120));
        assertThat(policies.decisionDue(thursday)).isEqualTo(thursday.plusSeconds(180));
        assertThat(policies.reminderAt(policies.partnerResponseDue(thursday))).isEqualTo(thursday.plusSeconds(240));
        assertThat(policies.disputeReviewDue(thursday)).isEqualTo(Instant.parse("2026-11-06T09:00:00Z"));
    }

    @Test
    void a_malformed_policy_stops_the_service_naming_the_property() {
        assertThatThrownBy(() -> policies(new ReviewPolicyProperties("5bd", "five days", "5bd", "1bd", "5bd")))
                .hasMessageContaining("cpor.review.policy.review-decision");
    }

    private ReviewPolicies policies(ReviewPolicyProperties properties) {
        return new ReviewConfiguration().reviewPolicies(properties, warsaw);
    }
}
