package com.cpor.reviewservice.review.web;

import com.cpor.events.Actor;
import com.cpor.events.ClaimSnapshot;
import com.cpor.events.ClaimStatus;
import com.cpor.platform.calendar.BusinessCalendar;
import com.cpor.reviewservice.review.application.ReviewPolicies;
import com.cpor.reviewservice.review.domain.Review;
import com.cpor.reviewservice.review.domain.ReviewAction;
import com.cpor.reviewservice.review.domain.ReviewStatus;
import com.cpor.platform.web.Versioned;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

@Schema(description = "A claim's review as reviewers see it in the queue")
public record ReviewView(
        String claimId,
        @Schema(description = "Status of the review") ReviewStatus status,
        @Schema(description = "Status of the claim as last published by claim-service") ClaimStatus claimStatus,
        @Schema(description = "1 for the first submission, +1 for each resubmission and dispute") int round,
        ReviewerView assignedReviewer,
        DeadlinesView deadlines,
        @Schema(description = "Deadline of what the review waits for now (queue order)") Instant currentDueAt,
        @Schema(description = "The current deadline has passed (an SLA breach was escalated)") boolean overdue,
        boolean competing,
        List<String> competingClaimIds,
        @Schema(description = "Actions allowed now, as API path segments") List<String> allowedActions,
        @Schema(description = "Set when the customer contact's e-mail domain is not the customer's; null otherwise")
        ContactDomainWarningView contactDomainWarning,
        @Schema(description = "The claim as last published by claim-service") ClaimSnapshot claim,
        Instant queuedAt,
        Instant updatedAt,
        @Schema(description = "+1 with every change of the review; its ETag") long version) implements Versioned {

    public record ReviewerView(String id, String name, String email) {
        static ReviewerView of(Actor actor) {
            return actor == null ? null : new ReviewerView(actor.id(), actor.name(), actor.email());
        }
    }

    /**
     * @param calendars the partner's calendar counts partnerResponseDueAt, the review team's the others (spec §8)
     */
    public record DeadlinesView(Instant reviewStartDueAt, Instant decisionDueAt, Instant partnerResponseDueAt,
                                Instant disputeReviewDueAt,
                                @Schema(description = "Overall decision target: 10 business days (policy) from submission "
                                        + "to a decision, not counting the time in PARTNER_ACTION_REQUIRED; null while "
                                        + "the partner is asked to act and once decided") Instant decisionTargetDueAt,
                                CalendarsView calendars) {
    }

    @Schema(description = "The customer contact's e-mail domain is not the customer's domain or one of its declared "
            + "domains: an approval (or overturn) must give contactDomainReason")
    public record ContactDomainWarningView(String contactDomain, List<String> customerDomains, String message) {
    }

    @Schema(description = "The calendars the deadlines are counted in, with their country and time zone")
    public record CalendarsView(CalendarView partner, CalendarView review) {
    }

    public record CalendarView(String country, String timeZone) {
        static CalendarView of(BusinessCalendar calendar) {
            return new CalendarView(calendar.country().toUpperCase(Locale.ROOT), calendar.zone().getId());
        }
    }

    static ReviewView of(Review review, Instant now, ReviewPolicies policies) {
        return new ReviewView(review.claimId(), review.status(), review.claimStatus(), review.round(),
                ReviewerView.of(review.assignedReviewer()),
                new DeadlinesView(review.deadlines().reviewStartDueAt(), review.deadlines().decisionDueAt(),
                        review.deadlines().partnerResponseDueAt(), review.deadlines().disputeReviewDueAt(),
                        review.decisionTargetDueAt(),
                        new CalendarsView(CalendarView.of(policies.partnerCalendar(review.claim())),
                                CalendarView.of(policies.calendar()))),
                review.currentDueAt(), review.currentDueAt() != null && !review.currentDueAt().isAfter(now),
                review.isCompeting(), review.competingClaimIds(),
                review.allowedActions().stream().map(ReviewAction::apiName).toList(),
                review.contactDomainWarning().map(warning -> new ContactDomainWarningView(warning.contactDomain(),
                        warning.customerDomains(), warning.explanation())).orElse(null),
                review.claim(), review.queuedAt(), review.updatedAt(), review.version());
    }
}
