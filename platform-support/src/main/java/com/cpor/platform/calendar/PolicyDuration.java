package com.cpor.platform.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A policy length as deployments write it: business days ({@code 5bd}) or an ISO-8601 duration
 * ({@code P7D} calendar days, {@code PT2M} for a local stack or a test). Bind it from properties as a String
 * with {@link #parse}.
 */
public final class PolicyDuration {

    private static final Pattern BUSINESS_DAYS = Pattern.compile("(-?\\d+)\\s*(bd|business[ -]?days?)");

    private final int businessDays;
    private final Period period;
    private final Duration duration;
    private final String text;

    private PolicyDuration(int businessDays, Period period, Duration duration, String text) {
        this.businessDays = businessDays;
        this.period = period;
        this.duration = duration;
        this.text = text;
    }

    public static PolicyDuration parse(String text) {
        String value = text.trim();
        Matcher businessDays = BUSINESS_DAYS.matcher(value.toLowerCase(Locale.ROOT));
        if (businessDays.matches()) {
            return new PolicyDuration(Integer.parseInt(businessDays.group(1)), null, null, value);
        }
        try {
            if (value.toUpperCase(Locale.ROOT).contains("T")) {
                return new PolicyDuration(0, null, Duration.parse(value), value);
            }
            return new PolicyDuration(0, Period.parse(value), null, value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Not a policy duration: '" + text
                    + "' (use business days like 5bd, or ISO-8601 like P7D or PT2M)", e);
        }
    }

    public static PolicyDuration businessDays(int days) {
        return new PolicyDuration(days, null, null, days + "bd");
    }

    public boolean isBusinessDays() {
        return period == null && duration == null;
    }

    /** The instant this long after {@code start}; calendar periods follow the calendar's zone (DST-safe). */
    public Instant after(Instant start, BusinessCalendar calendar) {
        if (isBusinessDays()) {
            return calendar.plusBusinessDays(start, businessDays);
        }
        if (period != null) {
            return start.atZone(calendar.zone()).plus(period).toInstant();
        }
        return start.plus(duration);
    }

    /** The instant this long before {@code deadline} (reminders). */
    public Instant before(Instant deadline, BusinessCalendar calendar) {
        if (isBusinessDays()) {
            return calendar.plusBusinessDays(deadline, -businessDays);
        }
        if (period != null) {
            return deadline.atZone(calendar.zone()).minus(period).toInstant();
        }
        return deadline.minus(duration);
    }

    @Override
    public String toString() {
        return text;
    }
}
