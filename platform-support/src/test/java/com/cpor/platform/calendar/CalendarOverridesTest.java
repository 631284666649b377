package com.cpor.platform.calendar;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CalendarOverridesTest {

    @Test
    void reads_working_days_holidays_comments_and_descriptions() {
        CalendarOverrides table = CalendarOverrides.parse("test.txt", List.of(
                "# comment", "", "2025-01-26 working Spring Festival swap (Sunday)", "  2025-01-28   HOLIDAY  "));

        assertThat(table.workingDays()).containsExactly(LocalDate.parse("2025-01-26"));
        assertThat(table.holidays()).containsExactly(LocalDate.parse("2025-01-28"));
    }

    @Test
    void a_table_states_how_far_its_decrees_reach_and_keeps_it_when_a_deployment_adds_dates() {
        CalendarOverrides table = CalendarOverrides.parse("test.txt", List.of(
                "covered-through 2026-12-31", "2026-10-10 working National Day swap"));

        assertThat(table.coveredThrough()).isEqualTo(LocalDate.parse("2026-12-31"));
        assertThat(table.overriddenBy(new CalendarOverrides(Set.of(), Set.of(LocalDate.parse("2027-02-08"))))
                .coveredThrough()).isEqualTo(LocalDate.parse("2026-12-31"));
        assertThatThrownBy(() -> CalendarOverrides.parse("cn.txt", List.of("covered-through next-year")))
                .hasMessageContaining("cn.txt line 1").hasMessageContaining("not an ISO date");
    }

    @Test
    void a_malformed_line_names_the_source_and_line() {
        assertThatThrownBy(() -> CalendarOverrides.parse("cn.txt", List.of("# x", "2025-13-01 holiday")))
                .hasMessageContaining("cn.txt line 2").hasMessageContaining("not an ISO date");
        assertThatThrownBy(() -> CalendarOverrides.parse("cn.txt", List.of("2025-01-01 day-off")))
                .hasMessageContaining("expected 'working' or 'holiday'");
        assertThatThrownBy(() -> CalendarOverrides.parse("cn.txt", List.of("2025-01-01")))
                .hasMessageContaining("line 1");
        assertThatThrownBy(() -> CalendarOverrides.parse("cn.txt", List.of("2025-01-01 holiday", "2025-01-01 holiday")))
                .hasMessageContaining("listed twice");
        assertThatThrownBy(() -> CalendarOverrides.parse("cn.txt", List.of("2025-01-01 holiday", "2025-01-01 working")))
                .hasMessageContaining("both working day and holiday");
    }

    @Test
    void the_deployment_wins_where_it_disagrees_with_the_table() {
        CalendarOverrides table = new CalendarOverrides(Set.of(LocalDate.parse("2025-05-17")), Set.of(LocalDate.parse("2025-05-02")));
        CalendarOverrides deployment = new CalendarOverrides(Set.of(LocalDate.parse("2025-05-02")),
                Set.of(LocalDate.parse("2025-05-17"), LocalDate.parse("2025-12-31")));

        CalendarOverrides merged = table.overriddenBy(deployment);

        assertThat(merged.workingDays()).containsExactly(LocalDate.parse("2025-05-02"));
        assertThat(merged.holidays()).containsExactlyInAnyOrder(LocalDate.parse("2025-05-17"), LocalDate.parse("2025-12-31"));
    }

    @Test
    void every_shipped_table_is_well_formed_and_only_countries_that_need_one_have_one() {
        for (String country : List.of("cn", "ru", "hu")) {
            assertThat(CalendarOverrides.existsFor(country)).as(country).isTrue();
            CalendarOverrides table = CalendarOverrides.forCountry(country);
            assertThat(table.coveredThrough()).as(country + " states how far its decrees reach").isNotNull();
            assertThat(table.holidays()).as(country + " lists nothing decreed beyond its coverage")
                    .allMatch(date -> !date.isAfter(table.coveredThrough()));
            assertThat(table.workingDays()).as(country + " worked days are weekend days")
                    .allMatch(date -> date.getDayOfWeek().getValue() >= 6 || country.equals("ru"));
        }
        assertThat(CalendarOverrides.forCountry("us")).isEqualTo(CalendarOverrides.NONE);
        assertThat(CalendarOverrides.forCountry("PL")).isEqualTo(CalendarOverrides.NONE);
    }
}
