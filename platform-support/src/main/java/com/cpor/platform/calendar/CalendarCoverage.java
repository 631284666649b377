package com.cpor.platform.calendar;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * How far ahead the calendar's yearly decrees are known. China, Russia and Hungary decree their days off and
 * worked Saturdays year by year; past the override table's {@code covered-through} date, deadlines silently use
 * Jollyday's base rules (Spring Festival would count as business days). A gauge and a start-up warning make the
 * gap visible while there is time to add the next decree.
 */
public final class CalendarCoverage {

    /** Deadlines reach about this far (review SLAs, partner response, a dispute window): warn before that. */
    public static final int WARNING_DAYS = 90;
    public static final String METRIC = "cpor.calendar.decrees.coverage.days";

    private static final Logger log = LoggerFactory.getLogger(CalendarCoverage.class);

    private final BusinessCalendar calendar;
    private final Clock clock;

    public CalendarCoverage(BusinessCalendar calendar, Clock clock, MeterRegistry meters) {
        this.calendar = calendar;
        this.clock = clock;
        if (calendar.decreesCoveredThrough().isPresent()) {
            Gauge.builder(METRIC, this, coverage -> coverage.daysAhead().orElseThrow())
                    .description("Days from today to the last date the country's decreed days off are known")
                    .tag("country", calendar.country().toUpperCase())
                    .register(meters);
        }
    }

    /** Days from today (in the calendar's zone) to the last covered date; empty if no decree is needed. */
    public Optional<Long> daysAhead() {
        LocalDate today = LocalDate.now(clock.withZone(calendar.zone()));
        return calendar.decreesCoveredThrough().map(last -> ChronoUnit.DAYS.between(today, last));
    }

    /** Logs a warning at start-up when fewer than {@link #WARNING_DAYS} days are covered. */
    public void warnIfShort() {
        daysAhead().filter(days -> days < WARNING_DAYS).ifPresent(days -> log.warn(
                "The business calendar of {} knows the decreed days off only through {} ({} days ahead): deadlines "
                        + "after that date ignore the decrees. Add the next decree to calendar-overrides/{}.txt or "
                        + "set cpor.calendar.extra-holidays / extra-working-days (docs/runbook.md).",
                calendar.country().toUpperCase(), calendar.decreesCoveredThrough().orElseThrow(), days,
                calendar.country()));
    }
}
