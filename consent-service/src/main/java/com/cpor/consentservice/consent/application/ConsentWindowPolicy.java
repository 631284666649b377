package com.cpor.consentservice.consent.application;

import com.cpor.platform.calendar.BusinessCalendar;
import com.cpor.platform.calendar.PolicyDuration;

import java.time.Instant;

/**
 * How long the customer may decline: the manage page says seven calendar days ({@code P7D}, the default), the
 * overview page five business days ({@code 5bd}, counted in the deployment's business calendar).
 */
public final class ConsentWindowPolicy {

    private final PolicyDuration length;
    private final BusinessCalendar calendar;

    /** @throws IllegalArgumentException at start-up for a policy that is not a duration */
    public ConsentWindowPolicy(String policy, BusinessCalendar calendar) {
        this.length = PolicyDuration.parse(policy);
        this.calendar = calendar;
    }

    public Instant windowEndFor(Instant approvedAt) {
        return length.after(approvedAt, calendar);
    }

    @Override
    public String toString() {
        return length.toString();
    }
}
