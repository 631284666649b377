package com.cpor.platform.calendar;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class CalendarCoverageTest {

    private static final Clock LATE_NOVEMBER_2026 = Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void a_country_whose_decrees_end_within_90_days_shows_its_coverage_and_warns_at_start_up(CapturedOutput output) {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        CalendarCoverage coverage = new CalendarCoverage(
                new BusinessCalendar(ZoneId.of("Asia/Shanghai"), "cn", Set.of(), Set.of()), LATE_NOVEMBER_2026, meters);

        coverage.warnIfShort();

        assertThat(meters.get(CalendarCoverage.METRIC).tag("country", "CN").gauge().value()).isEqualTo(31.0);
        assertThat(output).contains("business calendar of CN knows the decreed days off only through 2026-12-31");
    }

    @Test
    void a_country_without_yearly_decrees_has_no_coverage_gauge_and_no_warning(CapturedOutput output) {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        CalendarCoverage coverage = new CalendarCoverage(
                new BusinessCalendar(ZoneId.of("Europe/Warsaw"), "pl", Set.of(), Set.of()), LATE_NOVEMBER_2026, meters);

        coverage.warnIfShort();

        assertThat(coverage.daysAhead()).isEmpty();
        assertThat(meters.find(CalendarCoverage.METRIC).gauge()).isNull();
        assertThat(output).doesNotContain("knows the decreed days off");
    }

    @Test
    void coverage_is_counted_in_the_calendar_zone() {
        // 2026-12-31T20:00Z is already 1 January 2027 in Shanghai: nothing ahead is covered
        Clock newYearInShanghai = Clock.fixed(Instant.parse("2026-12-31T20:00:00Z"), ZoneOffset.UTC);
        CalendarCoverage coverage = new CalendarCoverage(
                new BusinessCalendar(ZoneId.of("Asia/Shanghai"), "cn", Set.of(), Set.of()), newYearInShanghai,
                new SimpleMeterRegistry());

        assertThat(coverage.daysAhead()).hasValue(-1L);
    }
}
