package com.cpor.platform.calendar;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;

import java.time.Clock;

/** Watches the business calendar's decree coverage (gauge and start-up warning) in every service that has one. */
@AutoConfiguration(afterName = "com.cpor.platform.config.MessagingAutoConfiguration")
public class CalendarAutoConfiguration {

    @Bean
    CalendarCoverage calendarCoverage(BusinessCalendar calendar, Clock clock, MeterRegistry meters) {
        return new CalendarCoverage(calendar, clock, meters);
    }

    @Bean
    ApplicationListener<ApplicationReadyEvent> calendarCoverageWarning(CalendarCoverage coverage) {
        return ready -> coverage.warnIfShort();
    }
}
