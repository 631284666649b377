package com.cpor.platform.calendar;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;

/**
 * {@code cpor.calendar.*}: the business calendar of a deployment.
 *
 * @param zone             the time zone business days are counted in
 * @param country          the country whose public holidays are not business days: a Jollyday code, corrected
 *                         by the shipped table {@code calendar-overrides/<country>.txt} where there is one
 *                         (CN, RU, HU; see {@link CalendarOverrides})
 * @param extraHolidays    further non-working dates (company days, holidays not yet in the table)
 * @param extraWorkingDays weekend or holiday dates that are working days; these win over everything
 */
@ConfigurationProperties("cpor.calendar")
public record CalendarProperties(
        @DefaultValue("UTC") ZoneId zone,
        @DefaultValue("US") String country,
        @DefaultValue Set<LocalDate> extraHolidays,
        @DefaultValue Set<LocalDate> extraWorkingDays) {

    public BusinessCalendar toCalendar() {
        return new BusinessCalendar(zone, country, extraHolidays, extraWorkingDays);
    }
}
