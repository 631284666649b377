package com.cpor.reviewservice.review.application;

import com.cpor.platform.calendar.BusinessCalendar;
import com.cpor.platform.calendar.PolicyDuration;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The deadlines of the review process (product spec §4) as absolute instants, computed when a clock starts.
 * Each policy is business days ({@code 5bd}) or an ISO-8601 duration ({@code P7D}, {@code PT2M}).
 */
public record ReviewPolicies(PolicyDuration reviewStart, PolicyDuration reviewDecision,
                             PolicyDuration partnerResponse, PolicyDuration partnerResponseReminder,
                             PolicyDuration disputeReview, BusinessCalendar calendar) {

    /** Deadlines are kept in whole milliseconds, well within what the database and the wire carry. */
    private static Instant stored(Instant deadline) {
        return deadline.truncatedTo(ChronoUnit.MILLIS);
    }

    public Instant reviewStartDue(Instant queuedAt) {
        return stored(reviewStart.after(queuedAt, calendar));
    }

    public Instant decisionDue(Instant startedAt) {
        return stored(reviewDecision.after(startedAt, calendar));
    }

    public Instant partnerResponseDue(Instant requestedAt) {
        return stored(partnerResponse.after(requestedAt, calendar));
    }

    /** When the partner is reminded: this long before the response deadline. */
    public Instant reminderAt(Instant respondBy) {
        return stored(partnerResponseReminder.before(respondBy, calendar));
    }

    public Instant disputeReviewDue(Instant disputedAt) {
        return stored(disputeReview.after(disputedAt, calendar));
    }
}
