package com.cpor.platform.calendar;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;

import java.time.Clock;

/**
 * The business calendar every service counts deadlines in ({@code cpor.calendar.*}), the partners' calendars beside
 * it, and the watch on its decree coverage (gauge and start-up warning).
 */
@AutoConfiguration(afterName = "com.cpor.platform.config.ClockAutoConfiguration")
@EnableConfigurationProperties(CalendarProperties.class)
public class CalendarAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    BusinessCalendar businessCalendar(CalendarProperties properties) {
        return properties.toCalendar();
    }

    @Bean
    @ConditionalOnMissingBean
    BusinessCalendars businessCalendars(BusinessCalendar team) {
        return new BusinessCalendars(team);
    }

    @Bean
    CalendarCoverage calendarCoverage(BusinessCalendar calendar, Clock clock, MeterRegistry meters) {
        return new CalendarCoverage(calendar, clock, meters);
    }

    @Bean
    ApplicationListener<ApplicationReadyEvent> calendarCoverageWarning(CalendarCoverage coverage) {
        return ready -> coverage.warnIfShort();
    }
}
