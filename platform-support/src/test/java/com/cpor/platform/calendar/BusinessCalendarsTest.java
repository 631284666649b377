package com.cpor.platform.calendar;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class BusinessCalendarsTest {

    private final BusinessCalendar team = new BusinessCalendar(ZoneId.of("Europe/Warsaw"), "pl",
            Set.of(java.time.LocalDate.parse("2026-11-12")), Set.of());
    private final BusinessCalendars calendars = new BusinessCalendars(team);

    @Test
    void a_partners_calendar_is_its_countrys_in_its_zone_without_the_teams_company_days() {
        BusinessCalendar hungary = calendars.partner("HU", "Europe/Budapest");

        assertThat(hungary.zone()).isEqualTo(ZoneId.of("Europe/Budapest"));
        assertThat(hungary.isBusinessDay(java.time.LocalDate.parse("2026-11-11"))).isTrue();  // Polish holiday only
        assertThat(hungary.isBusinessDay(java.time.LocalDate.parse("2026-11-12"))).isTrue();  // the team's company day
        assertThat(hungary.isBusinessDay(java.time.LocalDate.parse("2026-10-23"))).isFalse(); // Hungarian holiday
        assertThat(calendars.partner("HU", "Europe/Budapest")).isSameAs(hungary);
        assertThat(hungary.plusBusinessDays(Instant.parse("2026-11-05T09:00:00Z"), 5))
                .isEqualTo(Instant.parse("2026-11-12T09:00:00Z"));
    }

    @Test
    void without_a_partner_country_the_team_calendar_counts() {
        assertThat(calendars.partner(null, null)).isSameAs(team);
        assertThat(calendars.partner("PL", "")).isSameAs(team);
    }

    @Test
    void knows_the_countries_it_has_a_holiday_calendar_for() {
        assertThat(BusinessCalendars.knows("CN")).isTrue();
        assertThat(BusinessCalendars.knows("PL")).isTrue();
        assertThat(BusinessCalendars.knows("ZZ")).isFalse();
    }
}
