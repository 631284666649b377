package com.cpor.platform.calendar;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BusinessCalendarTest {

    private static final ZoneId UTC = ZoneOffset.UTC;
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId WARSAW = ZoneId.of("Europe/Warsaw");
    private static final ZoneId BUDAPEST = ZoneId.of("Europe/Budapest");
    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private static BusinessCalendar calendar(ZoneId zone, String country) {
        return new BusinessCalendar(zone, country, Set.of(), Set.of());
    }

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    @Nested
    class Weekends {

        private final BusinessCalendar utc = calendar(UTC, "us");

        @Test
        void friday_plus_one_business_day_is_monday_at_the_same_time() {
            assertThat(utc.plusBusinessDays(at("2026-11-13T10:15:00Z"), 1)).isEqualTo(at("2026-11-16T10:15:00Z"));
        }

        @Test
        void five_business_days_from_a_monday_is_the_next_monday() {
            assertThat(utc.plusBusinessDays(at("2026-11-02T09:00:00Z"), 5)).isEqualTo(at("2026-11-09T09:00:00Z"));
        }

        @Test
        void a_clock_started_on_a_weekend_grants_full_business_days_from_monday_morning() {
            // Saturday: the clock starts Monday 00:00; five full business days end the next Monday 00:00
            assertThat(utc.plusBusinessDays(at("2026-11-14T15:00:00Z"), 5)).isEqualTo(at("2026-11-23T00:00:00Z"));
            assertThat(utc.plusBusinessDays(at("2026-11-08T23:59:00Z"), 1)).isEqualTo(at("2026-11-10T00:00:00Z"));
        }

        @Test
        void zero_business_days_is_the_start_itself() {
            assertThat(utc.plusBusinessDays(at("2026-11-07T15:00:00Z"), 0)).isEqualTo(at("2026-11-07T15:00:00Z"));
        }

        @Test
        void weekdays_are_business_days_and_weekend_days_are_not() {
            assertThat(utc.isBusinessDay(LocalDate.parse("2026-11-20"))).isTrue();
            assertThat(utc.isBusinessDay(LocalDate.parse("2026-11-21"))).isFalse();
            assertThat(utc.isBusinessDay(LocalDate.parse("2026-11-22"))).isFalse();
        }
    }

    @Nested
    class NegativeOffsetsForReminders {

        private final BusinessCalendar us = calendar(UTC, "us");

        @Test
        void one_business_day_before_a_monday_deadline_is_the_friday() {
            assertThat(us.plusBusinessDays(at("2026-11-16T10:00:00Z"), -1)).isEqualTo(at("2026-11-13T10:00:00Z"));
        }

        @Test
        void counting_back_skips_holidays() {
            // Thanksgiving, Thursday 26 November 2026
            assertThat(us.plusBusinessDays(at("2026-11-27T10:00:00Z"), -1)).isEqualTo(at("2026-11-25T10:00:00Z"));
        }

        @Test
        void counting_back_from_a_weekend_keeps_the_local_time() {
            assertThat(us.plusBusinessDays(at("2026-11-21T10:00:00Z"), -1)).isEqualTo(at("2026-11-20T10:00:00Z"));
        }

        @Test
        void reminder_policy_is_one_business_day_before_the_deadline() {
            Instant deadline = us.plusBusinessDays(at("2026-11-19T10:00:00Z"), 5);
            assertThat(deadline).isEqualTo(at("2026-11-27T10:00:00Z"));
            assertThat(PolicyDuration.parse("1bd").before(deadline, us)).isEqualTo(at("2026-11-25T10:00:00Z"));
        }
    }

    @Nested
    class UnitedStates {

        private final BusinessCalendar us = calendar(NEW_YORK, "us");

        @Test
        void federal_holidays_are_not_business_days() {
            assertThat(us.isBusinessDay(LocalDate.parse("2026-01-19"))).as("Martin Luther King Jr. Day").isFalse();
            assertThat(us.isBusinessDay(LocalDate.parse("2026-11-26"))).as("Thanksgiving").isFalse();
            assertThat(us.isBusinessDay(LocalDate.parse("2026-12-25"))).as("Christmas").isFalse();
            assertThat(us.isBusinessDay(LocalDate.parse("2026-11-27"))).as("day after Thanksgiving").isTrue();
        }

        @Test
        void a_holiday_on_a_saturday_is_observed_on_the_friday() {
            // Independence Day 2026 is a Saturday: observed Friday 3 July
            assertThat(us.isBusinessDay(LocalDate.parse("2026-07-03"))).isFalse();
            assertThat(us.plusBusinessDays(at("2026-07-02T14:00:00Z"), 1)).isEqualTo(at("2026-07-06T14:00:00Z"));
        }

        @Test
        void new_years_day_on_a_saturday_is_observed_on_the_last_day_of_the_previous_year() {
            assertThat(us.isBusinessDay(LocalDate.parse("2027-12-31"))).isFalse();
            assertThat(us.plusBusinessDays(at("2027-12-30T15:00:00Z"), 1)).isEqualTo(at("2028-01-03T15:00:00Z"));
        }

        @Test
        void state_only_days_and_observances_are_business_days() {
            assertThat(us.isBusinessDay(LocalDate.parse("2026-03-31"))).as("Cesar Chavez Day (California)").isTrue();
            assertThat(us.isBusinessDay(LocalDate.parse("2026-04-27"))).as("Confederate Memorial Day (observance)").isTrue();
        }

        @Test
        void five_business_days_across_thanksgiving() {
            assertThat(us.plusBusinessDays(at("2026-11-23T15:00:00Z"), 5)).isEqualTo(at("2026-12-01T15:00:00Z"));
        }
    }

    @Nested
    class Poland {

        private final BusinessCalendar pl = calendar(WARSAW, "pl");

        @Test
        void polish_holidays_including_christmas_eve_since_2025() {
            assertThat(pl.isBusinessDay(LocalDate.parse("2026-05-01"))).as("Labour Day").isFalse();
            assertThat(pl.isBusinessDay(LocalDate.parse("2026-06-04"))).as("Corpus Christi").isFalse();
            assertThat(pl.isBusinessDay(LocalDate.parse("2026-11-11"))).as("Independence Day").isFalse();
            assertThat(pl.isBusinessDay(LocalDate.parse("2025-12-24"))).as("Christmas Eve, from 2025").isFalse();
            assertThat(pl.isBusinessDay(LocalDate.parse("2024-12-24"))).as("Christmas Eve before 2025").isTrue();
        }

        @Test
        void five_business_days_across_corpus_christi() {
            // Monday 1 June 2026 10:00 in Warsaw (CEST) -> Tuesday 9 June, Thursday 4 June skipped
            assertThat(pl.plusBusinessDays(at("2026-06-01T08:00:00Z"), 5)).isEqualTo(at("2026-06-09T08:00:00Z"));
        }
    }

    @Nested
    class Hungary {

        private final BusinessCalendar hu = calendar(BUDAPEST, "hu");

        @Test
        void bridge_days_are_off_and_the_saturdays_worked_for_them_are_business_days() {
            assertThat(hu.isBusinessDay(LocalDate.parse("2025-05-02"))).isFalse();
            assertThat(hu.isBusinessDay(LocalDate.parse("2025-05-17"))).isTrue();
            assertThat(hu.isBusinessDay(LocalDate.parse("2025-10-24"))).isFalse();
            assertThat(hu.isBusinessDay(LocalDate.parse("2025-10-18"))).isTrue();
            assertThat(hu.isBusinessDay(LocalDate.parse("2026-01-02"))).isFalse();
            assertThat(hu.isBusinessDay(LocalDate.parse("2026-01-10"))).isTrue();
        }

        @Test
        void december_rest_days_and_their_worked_saturdays_of_2025_and_2026() {
            assertThat(hu.isBusinessDay(LocalDate.parse("2025-12-13"))).as("decree 11/2024. (IV. 8.) NGM").isTrue();
            assertThat(hu.isBusinessDay(LocalDate.parse("2025-12-24"))).isFalse();
            assertThat(hu.isBusinessDay(LocalDate.parse("2026-12-12"))).as("decree 10/2025. (IV. 30.) NGM").isTrue();
            assertThat(hu.isBusinessDay(LocalDate.parse("2026-12-24"))).isFalse();
            // Friday 11 December 2026 09:00 Budapest: the next business day is the worked Saturday
            assertThat(hu.plusBusinessDays(at("2026-12-11T08:00:00Z"), 1)).isEqualTo(at("2026-12-12T08:00:00Z"));
        }

        @Test
        void a_worked_saturday_counts_as_a_business_day() {
            // Thursday 15 May 2025 10:00 Budapest: Friday 16th is day 1, the worked Saturday 17th is day 2
            assertThat(hu.plusBusinessDays(at("2025-05-15T08:00:00Z"), 2)).isEqualTo(at("2025-05-17T08:00:00Z"));
        }

        @Test
        void hungarian_public_holidays_from_jollyday() {
            assertThat(hu.isBusinessDay(LocalDate.parse("2026-03-16"))).as("15 March is a Sunday in 2026").isTrue();
            assertThat(hu.isBusinessDay(LocalDate.parse("2026-04-03"))).as("Good Friday").isFalse();
            assertThat(hu.isBusinessDay(LocalDate.parse("2026-05-25"))).as("Whit Monday").isFalse();
            assertThat(hu.isBusinessDay(LocalDate.parse("2026-10-23"))).as("1956 Revolution Day").isFalse();
        }
    }

    @Nested
    class Russia {

        private final BusinessCalendar ru = calendar(MOSCOW, "ru");

        @Test
        void the_production_calendar_has_247_working_days_in_2025_and_2026() {
            assertThat(ru.businessDaysBetween(LocalDate.parse("2025-01-01"), LocalDate.parse("2026-01-01"))).isEqualTo(247);
            assertThat(ru.businessDaysBetween(LocalDate.parse("2026-01-01"), LocalDate.parse("2027-01-01"))).isEqualTo(247);
        }

        @Test
        void decreed_transfers_of_2025() {
            assertThat(ru.isBusinessDay(LocalDate.parse("2025-11-01"))).as("Saturday worked").isTrue();
            assertThat(ru.isBusinessDay(LocalDate.parse("2025-11-03"))).isFalse();
            assertThat(ru.isBusinessDay(LocalDate.parse("2025-05-08"))).isFalse();
            assertThat(ru.isBusinessDay(LocalDate.parse("2025-02-24"))).isTrue();
            assertThat(ru.isBusinessDay(LocalDate.parse("2025-01-09"))).isTrue();
        }

        @Test
        void monday_11_january_2027_is_a_working_day_although_the_weekend_of_the_9th_and_10th_is_in_the_holidays() {
            assertThat(ru.isBusinessDay(LocalDate.parse("2027-01-11"))).isTrue();
        }

        @Test
        void january_holidays_of_2026_end_on_the_11th() {
            // Wednesday 31 December 2025 (a day off) 12:00 Moscow: the first business day of 2026 is Monday 12 January
            assertThat(ru.plusBusinessDays(at("2025-12-30T09:00:00Z"), 1)).isEqualTo(at("2026-01-12T09:00:00Z"));
        }
    }

    @Nested
    class China {

        private final BusinessCalendar cn = calendar(SHANGHAI, "cn");

        @Test
        void spring_festival_and_its_worked_sunday() {
            // Friday 24 January 2025 10:00 Beijing time: Sunday 26th is a working day
            assertThat(cn.plusBusinessDays(at("2025-01-24T02:00:00Z"), 1)).isEqualTo(at("2025-01-26T02:00:00Z"));
            // Monday 27th: the next business day is Wednesday 5 February
            assertThat(cn.plusBusinessDays(at("2025-01-27T02:00:00Z"), 1)).isEqualTo(at("2025-02-05T02:00:00Z"));
        }

        @Test
        void golden_week_of_2026() {
            assertThat(cn.isBusinessDay(LocalDate.parse("2026-09-20"))).as("Sunday worked").isTrue();
            assertThat(cn.isBusinessDay(LocalDate.parse("2026-10-05"))).isFalse();
            assertThat(cn.isBusinessDay(LocalDate.parse("2026-10-10"))).as("Saturday worked").isTrue();
            assertThat(cn.businessDaysBetween(LocalDate.parse("2026-09-28"), LocalDate.parse("2026-10-12")))
                    .as("Mon 28 Sep to Sun 11 Oct: 28, 29, 30 September and 8, 9, 10 October").isEqualTo(6);
        }

        @Test
        void working_days_of_2025_follow_the_state_council_notice() {
            // 261 weekdays, 18 of them holidays, 5 weekend days worked
            assertThat(cn.businessDaysBetween(LocalDate.parse("2025-01-01"), LocalDate.parse("2026-01-01"))).isEqualTo(248);
        }
    }

    @Nested
    class TimeZones {

        @Test
        void the_same_instant_falls_on_different_local_days() {
            Instant fridayNightUtc = at("2026-11-20T23:30:00Z"); // Saturday 07:30 in Shanghai
            assertThat(calendar(UTC, "us").plusBusinessDays(fridayNightUtc, 1)).isEqualTo(at("2026-11-23T23:30:00Z"));
            // in Shanghai the clock starts Monday 00:00 local and ends Tuesday 00:00 local
            assertThat(new BusinessCalendar(SHANGHAI, "us", Set.of(), Set.of()).plusBusinessDays(fridayNightUtc, 1))
                    .isEqualTo(at("2026-11-24T16:00:00Z").minus(Duration.ofDays(1)));
        }

        @Test
        void business_days_are_counted_in_the_calendar_zone_not_in_utc() {
            Instant mondayMorningInNewYork = at("2026-11-16T05:30:00Z"); // 00:30 EST Monday
            assertThat(calendar(NEW_YORK, "us").plusBusinessDays(mondayMorningInNewYork, 1))
                    .isEqualTo(at("2026-11-17T05:30:00Z"));
        }
    }

    @Nested
    class DaylightSavingTime {

        @Test
        void spring_forward_keeps_the_local_time_so_the_deadline_is_an_hour_closer() {
            // Tuesday 3 March 2026 10:00 EST -> Tuesday 10 March 10:00 EDT
            Instant start = at("2026-03-03T15:00:00Z");
            Instant deadline = calendar(NEW_YORK, "us").plusBusinessDays(start, 5);
            assertThat(deadline).isEqualTo(at("2026-03-10T14:00:00Z"));
            assertThat(Duration.between(start, deadline)).isEqualTo(Duration.ofDays(7).minusHours(1));
        }

        @Test
        void fall_back_keeps_the_local_time() {
            // Friday 23 October 2026 10:00 CEST -> Monday 26 October 10:00 CET
            assertThat(calendar(WARSAW, "pl").plusBusinessDays(at("2026-10-23T08:00:00Z"), 1))
                    .isEqualTo(at("2026-10-26T09:00:00Z"));
        }

        @Test
        void a_local_time_skipped_by_the_clock_change_moves_forward_by_the_gap() {
            // a worked Sunday on the night clocks go forward: 02:30 does not exist, 03:30 CEST does
            BusinessCalendar calendar = new BusinessCalendar(WARSAW, "pl", Set.of(), Set.of(LocalDate.parse("2026-03-29")));
            assertThat(calendar.plusBusinessDays(at("2026-03-27T01:30:00Z"), 1)).isEqualTo(at("2026-03-29T01:30:00Z"));
        }

        @Test
        void a_local_time_that_occurs_twice_takes_the_earlier_one() {
            BusinessCalendar calendar = new BusinessCalendar(WARSAW, "pl", Set.of(), Set.of(LocalDate.parse("2026-10-25")));
            // Friday 02:30 CEST -> Sunday 02:30, first occurrence (CEST, +02:00)
            assertThat(calendar.plusBusinessDays(at("2026-10-23T00:30:00Z"), 1)).isEqualTo(at("2026-10-25T00:30:00Z"));
        }

        @Test
        void calendar_day_policies_keep_the_local_time_across_dst() {
            BusinessCalendar warsaw = calendar(WARSAW, "pl");
            // Saturday 24 October 2026 10:00 CEST + P1D = Sunday 10:00 CET: 25 hours
            assertThat(PolicyDuration.parse("P1D").after(at("2026-10-24T08:00:00Z"), warsaw))
                    .isEqualTo(at("2026-10-25T09:00:00Z"));
            assertThat(PolicyDuration.parse("PT24H").after(at("2026-10-24T08:00:00Z"), warsaw))
                    .isEqualTo(at("2026-10-25T08:00:00Z"));
        }
    }

    @Nested
    class DeploymentOverrides {

        @Test
        void extra_holidays_are_not_business_days() {
            BusinessCalendar calendar = new BusinessCalendar(UTC, "us", Set.of(LocalDate.parse("2026-11-16")), Set.of());
            assertThat(calendar.plusBusinessDays(at("2026-11-13T10:00:00Z"), 1)).isEqualTo(at("2026-11-17T10:00:00Z"));
        }

        @Test
        void extra_working_days_turn_weekends_and_holidays_into_business_days() {
            BusinessCalendar calendar = new BusinessCalendar(UTC, "us", Set.of(),
                    Set.of(LocalDate.parse("2026-11-14"), LocalDate.parse("2026-11-26")));
            assertThat(calendar.isBusinessDay(LocalDate.parse("2026-11-14"))).isTrue();
            assertThat(calendar.isBusinessDay(LocalDate.parse("2026-11-26"))).isTrue();
        }

        @Test
        void deployment_dates_win_over_the_shipped_table() {
            BusinessCalendar calendar = new BusinessCalendar(BUDAPEST, "hu",
                    Set.of(LocalDate.parse("2025-05-17")), Set.of(LocalDate.parse("2025-05-02")));
            assertThat(calendar.isBusinessDay(LocalDate.parse("2025-05-17"))).isFalse();
            assertThat(calendar.isBusinessDay(LocalDate.parse("2025-05-02"))).isTrue();
        }

        @Test
        void a_date_given_as_both_extra_holiday_and_working_day_is_a_working_day() {
            LocalDate date = LocalDate.parse("2026-11-16");
            assertThat(new BusinessCalendar(UTC, "us", Set.of(date), Set.of(date)).isBusinessDay(date)).isTrue();
        }

        @Test
        void calendar_properties_build_the_calendar_with_country_table_and_extras() {
            BusinessCalendar calendar = new CalendarProperties(SHANGHAI, "CN",
                    Set.of(LocalDate.parse("2026-11-20")), Set.of()).toCalendar();
            assertThat(calendar.country()).isEqualTo("cn");
            assertThat(calendar.isBusinessDay(LocalDate.parse("2026-11-20"))).isFalse();
            assertThat(calendar.isBusinessDay(LocalDate.parse("2026-10-10"))).isTrue();
        }

        @Test
        void a_country_without_any_holiday_source_is_refused() {
            assertThatThrownBy(() -> calendar(UTC, "xx"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'xx'");
        }
    }
}
