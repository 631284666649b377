package com.cpor.platform.calendar;

import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.ManagerParameters;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

/**
 * Business days: Monday to Friday in the configured time zone, minus the public holidays of the configured
 * country (Jollyday), minus extra holidays, plus extra working days (the weekend days some countries work to
 * bridge a holiday, which Jollyday does not know).
 */
public final class BusinessCalendar {

    private final ZoneId zone;
    private final HolidayManager holidays;
    private final Set<LocalDate> extraHolidays;
    private final Set<LocalDate> extraWorkingDays;

    /**
     * @param country ISO 3166 code Jollyday knows ({@code us}, {@code pl}, {@code hu}, {@code ru}, ...)
     */
    public BusinessCalendar(ZoneId zone, String country, Set<LocalDate> extraHolidays, Set<LocalDate> extraWorkingDays) {
        this.zone = zone;
        this.holidays = HolidayManager.getInstance(ManagerParameters.create(country.toLowerCase()));
        this.extraHolidays = Set.copyOf(extraHolidays);
        this.extraWorkingDays = Set.copyOf(extraWorkingDays);
    }

    public ZoneId zone() {
        return zone;
    }

    public boolean isBusinessDay(LocalDate date) {
        if (extraWorkingDays.contains(date)) {
            return true;
        }
        DayOfWeek day = date.getDayOfWeek();
        return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY
                && !extraHolidays.contains(date) && !holidays.isHoliday(date);
    }

    /**
     * The deadline {@code days} business days after {@code start}: the same local time on the
     * {@code days}-th business day after the start's local date (in this calendar's zone). Negative values
     * count backwards (for reminders before a deadline). A local time that a DST change skips moves forward
     * by the length of the gap.
     */
    public Instant plusBusinessDays(Instant start, int days) {
        ZonedDateTime local = start.atZone(zone);
        LocalDate date = local.toLocalDate();
        int step = days >= 0 ? 1 : -1;
        int remaining = Math.abs(days);
        while (remaining > 0) {
            date = date.plusDays(step);
            if (isBusinessDay(date)) {
                remaining--;
            }
        }
        return ZonedDateTime.of(date, local.toLocalTime(), zone).toInstant();
    }
}
