package com.cpor.consentservice.consent.application;

import com.cpor.platform.calendar.BusinessCalendar;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConsentWindowPolicyTest {

    private static final BusinessCalendar POLAND = new BusinessCalendar(ZoneId.of("Europe/Warsaw"), "PL", Set.of(), Set.of());

    @Test
    void seven_calendar_days_by_default_policy() {
        ConsentWindowPolicy policy = new ConsentWindowPolicy("P7D", POLAND);
        assertThat(policy.windowEndFor(Instant.parse("2026-11-20T10:00:00Z"))).isEqualTo(Instant.parse("2026-11-27T10:00:00Z"));
    }

    @Test
    void five_business_days_skip_weekends_and_public_holidays() {
        ConsentWindowPolicy policy = new ConsentWindowPolicy("5bd", POLAND);
        // Thursday 5 Nov 2026, 10:00 in Warsaw; Wednesday 11 Nov is Independence Day
        assertThat(policy.windowEndFor(Instant.parse("2026-11-05T09:00:00Z")))
                .isEqualTo(Instant.parse("2026-11-13T09:00:00Z"));
    }

    @Test
    void short_windows_for_demos_and_nonsense_refused_at_start_up() {
        assertThat(new ConsentWindowPolicy("PT2M", POLAND).windowEndFor(Instant.parse("2026-11-20T10:00:00Z")))
                .isEqualTo(Instant.parse("2026-11-20T10:02:00Z"));
        assertThatThrownBy(() -> new ConsentWindowPolicy("a week", POLAND)).isInstanceOf(IllegalArgumentException.class);
    }
}
