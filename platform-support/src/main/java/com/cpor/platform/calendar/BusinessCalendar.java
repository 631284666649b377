package com.cpor.platform.calendar;

import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Year;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Business days: Monday to Friday in the configured time zone, minus the country's public holidays
 * (Jollyday, observances excluded), corrected by the country's override table ({@link CalendarOverrides}:
 * worked weekend days, decreed holidays) and by the deployment's extra holidays and working days.
 * A country Jollyday does not know (China) works from its override table alone.
 */
public final class BusinessCalendar {

    private final ZoneId zone;
    private final String country;
    private final HolidayManager holidayManager;
    private final CalendarOverrides overrides;
    private final Map<Integer, Set<LocalDate>> publicHolidaysByYear = new ConcurrentHashMap<>();

    /**
     * @param country          ISO 3166 code ({@code us}, {@code pl}, {@code hu}, {@code ru}, {@code cn}, ...)
     * @param extraHolidays    further non-working dates of this deployment
     * @param extraWorkingDays further worked dates of this deployment (they win over holidays)
     */
    public BusinessCalendar(ZoneId zone, String country, Set<LocalDate> extraHolidays, Set<LocalDate> extraWorkingDays) {
        this(zone, country, CalendarOverrides.forCountry(country)
                .overriddenBy(new CalendarOverrides(withoutConflicts(extraWorkingDays, Set.of()),
                        withoutConflicts(extraHolidays, extraWorkingDays))));
    }

    /** A calendar with exactly these overrides (the country's shipped table is not read). */
    public BusinessCalendar(ZoneId zone, String country, CalendarOverrides overrides) {
        this.zone = zone;
        this.country = country.toLowerCase(Locale.ROOT);
        this.overrides = overrides;
        if (jollydayKnows(this.country)) {
            this.holidayManager = HolidayManager.getInstance(ManagerParameters.create(this.country));
        } else if (CalendarOverrides.existsFor(this.country) || !overrides.holidays().isEmpty()) {
            this.holidayManager = null;
        } else {
            throw new IllegalArgumentException("No holiday calendar for country '" + country
                    + "': Jollyday does not know it and there is no calendar-overrides/" + this.country + ".txt");
        }
    }

    public ZoneId zone() {
        return zone;
    }

    public String country() {
        return country;
    }

    /**
     * The last date up to which this country's yearly decrees (worked weekend days, bridge days) are known, or
     * empty for a country whose calendar needs no yearly decree.
     */
    public Optional<LocalDate> decreesCoveredThrough() {
        return Optional.ofNullable(overrides.coveredThrough());
    }

    public boolean isBusinessDay(LocalDate date) {
        if (overrides.workingDays().contains(date)) {
            return true;
        }
        DayOfWeek day = date.getDayOfWeek();
        return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY
                && !overrides.holidays().contains(date) && !isPublicHoliday(date);
    }

    /**
     * The deadline {@code days} business days after {@code start}: the same local time (in this calendar's
     * zone) on the {@code days}-th business day after the start's local date. A clock started on a day that
     * is not a business day starts at the beginning (00:00) of the next business day, so the full number of
     * business days is always granted. Negative values count backwards from {@code start} (reminders
     * before a deadline) and keep its local time. A local time a DST change skips moves forward by the gap.
     */
    public Instant plusBusinessDays(Instant start, int days) {
        ZonedDateTime local = start.atZone(zone);
        LocalDate date = local.toLocalDate();
        LocalTime time = local.toLocalTime();
        if (days > 0 && !isBusinessDay(date)) {
            date = nextBusinessDay(date);
            time = LocalTime.MIDNIGHT;
        }
        int step = days >= 0 ? 1 : -1;
        int remaining = Math.abs(days);
        while (remaining > 0) {
            date = date.plusDays(step);
            if (isBusinessDay(date)) {
                remaining--;
            }
        }
        return ZonedDateTime.of(date, time, zone).toInstant();
    }

    /** How many business days lie in [from, to) (local dates). */
    public int businessDaysBetween(LocalDate from, LocalDate to) {
        return (int) from.datesUntil(to).filter(this::isBusinessDay).count();
    }

    private LocalDate nextBusinessDay(LocalDate date) {
        LocalDate next = date.plusDays(1);
        while (!isBusinessDay(next)) {
            next = next.plusDays(1);
        }
        return next;
    }

    private boolean isPublicHoliday(LocalDate date) {
        return holidayManager != null
                && publicHolidaysByYear.computeIfAbsent(date.getYear(), this::publicHolidaysIn).contains(date);
    }

    /**
     * Holidays of a year, including those a neighbouring year's holiday is observed on (New Year's Day 2028,
     * a Saturday, is observed in the US on Friday 31 December 2027).
     */
    private Set<LocalDate> publicHolidaysIn(int year) {
        return IntStream.rangeClosed(year - 1, year + 1).boxed()
                .flatMap(y -> holidayManager.getHolidays(Year.of(y), HolidayType.PUBLIC_HOLIDAY).stream())
                .map(Holiday::getDate)
                .filter(date -> date.getYear() == year)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Jollyday ships one configuration file per country. */
    private static boolean jollydayKnows(String country) {
        return HolidayManager.class.getClassLoader().getResource("holidays/Holidays_" + country + ".xml") != null;
    }

    private static Set<LocalDate> withoutConflicts(Set<LocalDate> dates, Set<LocalDate> winners) {
        return dates.stream().filter(date -> !winners.contains(date)).collect(Collectors.toSet());
    }
}
