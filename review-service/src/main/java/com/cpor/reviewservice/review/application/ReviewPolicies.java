package com.cpor.reviewservice.review.application;

import com.cpor.events.ClaimSnapshot;
import com.cpor.platform.calendar.BusinessCalendar;
import com.cpor.platform.calendar.BusinessCalendars;
import com.cpor.platform.calendar.PolicyDuration;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The deadlines of the review process (product spec §4) as absolute instants, computed when a clock starts.
 * Each policy is business days ({@code 5bd}) or an ISO-8601 duration ({@code P7D}, {@code PT2M}). Reviewer SLAs
 * count the review team's business days ({@code calendar}); partner-facing deadlines (the partner's response and
 * its reminder) count those of the partner's country from the partner directory (spec §8).
 */
public record ReviewPolicies(PolicyDuration reviewStart, PolicyDuration reviewDecision,
                             PolicyDuration partnerResponse, PolicyDuration partnerResponseReminder,
                             PolicyDuration disputeReview, PolicyDuration decisionTarget, BusinessCalendar calendar,
                             BusinessCalendars calendars) {

    public ReviewPolicies(PolicyDuration reviewStart, PolicyDuration reviewDecision, PolicyDuration partnerResponse,
                          PolicyDuration partnerResponseReminder, PolicyDuration disputeReview,
                          PolicyDuration decisionTarget, BusinessCalendar calendar) {
        this(reviewStart, reviewDecision, partnerResponse, partnerResponseReminder, disputeReview, decisionTarget,
                calendar, new BusinessCalendars(calendar));
    }

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

    public Instant partnerResponseDue(Instant requestedAt, ClaimSnapshot claim) {
        return stored(partnerResponse.after(requestedAt, partnerCalendar(claim)));
    }

    /** When the partner is reminded: this long before the response deadline, in the partner's business days. */
    public Instant reminderAt(Instant respondBy, ClaimSnapshot claim) {
        return stored(partnerResponseReminder.before(respondBy, partnerCalendar(claim)));
    }

    /** The partner's country's calendar in the partner's zone; the team's for claims without an organisation. */
    public BusinessCalendar partnerCalendar(ClaimSnapshot claim) {
        ClaimSnapshot.PartnerOrganisation organisation = claim == null ? null : claim.partnerOrganisation();
        return organisation == null ? calendar : calendars.partner(organisation.country(), organisation.timeZone());
    }

    public Instant disputeReviewDue(Instant disputedAt) {
        return stored(disputeReview.after(disputedAt, calendar));
    }

    /** The overall decision target of a submission (§8). */
    public Instant decisionTargetDue(Instant submittedAt) {
        return stored(decisionTarget.after(submittedAt, calendar));
    }

    /**
     * The decision target after a pause from {@code pausedAt} to {@code resumedAt} (the claim waited for the partner):
     * moved on by the business days the pause began on or crossed into before the day it ended (a pause within one
     * business day moves nothing; Friday to Monday moves one), or, for a duration policy (local stack, tests), by the
     * pause's length.
     */
    public Instant decisionTargetResumed(Instant target, Instant pausedAt, Instant resumedAt) {
        if (target == null || pausedAt == null || !resumedAt.isAfter(pausedAt)) {
            return target;
        }
        if (!decisionTarget.isBusinessDays()) {
            return stored(target.plus(java.time.Duration.between(pausedAt, resumedAt)));
        }
        int pausedDays = calendar.businessDaysBetween(pausedAt.atZone(calendar.zone()).toLocalDate(),
                resumedAt.atZone(calendar.zone()).toLocalDate());
        return stored(calendar.plusBusinessDays(target, pausedDays));
    }
}
