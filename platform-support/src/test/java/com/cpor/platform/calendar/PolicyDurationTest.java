package com.cpor.platform.calendar;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyDurationTest {

    private final BusinessCalendar calendar = new BusinessCalendar(ZoneOffset.UTC, "us", Set.of(), Set.of());
    private final Instant friday = Instant.parse("2026-11-13T10:00:00Z");

    @Test
    void business_days_in_several_spellings() {
        for (String text : new String[] {"5bd", "5 bd", "5BD", "5 business days", "5 business-days"}) {
            PolicyDuration policy = PolicyDuration.parse(text);
            assertThat(policy.isBusinessDays()).as(text).isTrue();
            assertThat(policy.after(friday, calendar)).as(text).isEqualTo(Instant.parse("2026-11-20T10:00:00Z"));
        }
        assertThat(PolicyDuration.businessDays(1).after(friday, calendar)).isEqualTo(Instant.parse("2026-11-16T10:00:00Z"));
    }

    @Test
    void iso_periods_are_calendar_days_and_iso_durations_are_exact() {
        assertThat(PolicyDuration.parse("P7D").after(friday, calendar)).isEqualTo(Instant.parse("2026-11-20T10:00:00Z"));
        assertThat(PolicyDuration.parse("P30D").isBusinessDays()).isFalse();
        assertThat(PolicyDuration.parse("PT2M").after(friday, calendar)).isEqualTo(Instant.parse("2026-11-13T10:02:00Z"));
        assertThat(PolicyDuration.parse("pt30s").after(friday, calendar)).isEqualTo(Instant.parse("2026-11-13T10:00:30Z"));
    }

    @Test
    void before_counts_back_for_reminders() {
        Instant monday = Instant.parse("2026-11-16T10:00:00Z");
        assertThat(PolicyDuration.parse("1bd").before(monday, calendar)).isEqualTo(friday);
        assertThat(PolicyDuration.parse("P1D").before(monday, calendar)).isEqualTo(Instant.parse("2026-11-15T10:00:00Z"));
        assertThat(PolicyDuration.parse("PT30S").before(monday, calendar)).isEqualTo(Instant.parse("2026-11-16T09:59:30Z"));
    }

    @Test
    void negative_business_days_count_backwards() {
        assertThat(PolicyDuration.parse("-1bd").after(Instant.parse("2026-11-16T10:00:00Z"), calendar)).isEqualTo(friday);
    }

    @Test
    void keeps_the_text_it_was_written_as() {
        assertThat(PolicyDuration.parse(" 5bd ")).hasToString("5bd");
        assertThat(PolicyDuration.parse("P7D")).hasToString("P7D");
    }

    @Test
    void refuses_what_is_neither_business_days_nor_iso_8601() {
        for (String text : new String[] {"5 days", "five bd", "", "7D", "P"}) {
            assertThatThrownBy(() -> PolicyDuration.parse(text)).as(text)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("policy duration");
        }
    }
}
