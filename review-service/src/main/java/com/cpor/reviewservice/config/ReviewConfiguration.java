package com.cpor.reviewservice.config;

import com.cpor.platform.calendar.BusinessCalendars;
import com.cpor.platform.calendar.PolicyDuration;
import com.cpor.platform.timers.TimerHandler;
import com.cpor.reviewservice.review.application.ReviewArrivals;
import com.cpor.reviewservice.review.application.ReviewDeadlineReactions;
import com.cpor.reviewservice.review.application.ReviewPolicies;
import com.cpor.reviewservice.review.application.ReviewRepository;
import com.cpor.reviewservice.review.application.ReviewTimerHandler;
import com.cpor.reviewservice.review.application.ReviewTimerKind;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Policies (parsed at start-up, so a bad value stops the service), timer handlers, API description. */
@Configuration(proxyBeanMethods = false)
public class ReviewConfiguration {

    @Bean
    public ReviewPolicies reviewPolicies(ReviewPolicyProperties properties, BusinessCalendars calendars) {
        return new ReviewPolicies(
                parse("review-start", properties.reviewStart()),
                parse("review-decision", properties.reviewDecision()),
                parse("partner-response", properties.partnerResponse()),
                parse("partner-response-reminder", properties.partnerResponseReminder()),
                parse("dispute-review", properties.disputeReview()),
                parse("decision-target", properties.decisionTarget()),
                calendars.team(), calendars);
    }

    private static PolicyDuration parse(String name, String value) {
        try {
            return PolicyDuration.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cpor.review.policy." + name + ": " + e.getMessage(), e);
        }
    }

    /** Reviewers waiting for a review that does not exist yet ({@code Prefer: wait}); its pool stops with the context. */
    @Bean(destroyMethod = "close")
    public ReviewArrivals reviewArrivals(ReviewRepository reviews, ReviewWaitProperties properties) {
        return new ReviewArrivals(reviews, properties.maxWait(), properties.maxWaiters(), properties.recheckInterval());
    }

    @Bean
    TimerHandler reviewStartSlaTimer(ReviewDeadlineReactions reactions) {
        return new ReviewTimerHandler(ReviewTimerKind.REVIEW_START_SLA, reactions);
    }

    @Bean
    TimerHandler reviewDecisionSlaTimer(ReviewDeadlineReactions reactions) {
        return new ReviewTimerHandler(ReviewTimerKind.REVIEW_DECISION_SLA, reactions);
    }

    @Bean
    TimerHandler partnerResponseExpiryTimer(ReviewDeadlineReactions reactions) {
        return new ReviewTimerHandler(ReviewTimerKind.PARTNER_RESPONSE_EXPIRY, reactions);
    }

    @Bean
    TimerHandler partnerResponseReminderTimer(ReviewDeadlineReactions reactions) {
        return new ReviewTimerHandler(ReviewTimerKind.PARTNER_RESPONSE_REMINDER, reactions);
    }

    @Bean
    TimerHandler disputeReviewSlaTimer(ReviewDeadlineReactions reactions) {
        return new ReviewTimerHandler(ReviewTimerKind.DISPUTE_REVIEW_SLA, reactions);
    }

    @Bean
    TimerHandler decisionTargetTimer(ReviewDeadlineReactions reactions) {
        return new ReviewTimerHandler(ReviewTimerKind.DECISION_TARGET, reactions);
    }

    @Bean
    OpenAPI reviewServiceOpenApi() {
        return new OpenAPI()
                .info(new Info().title("CPOR review-service API").version("v1")
                        .description("Review queue and reviewer decisions on CPOR claims. Outcomes are published on "
                                + "cpor.reviews.v1 and applied to the claim by claim-service."));
    }
}
