package com.cpor.platform.calendar;

import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The review team's calendar (the deployment's {@code cpor.calendar.*}) and the calendars of partners' countries
 * (spec §8: partner-facing deadlines count the partner's business days), each made once. A partner's calendar is
 * its country's public holidays and decree table in its own zone; the deployment's extra holidays and working days
 * are the team's and do not apply to it.
 */
public final class BusinessCalendars {

    private final BusinessCalendar team;
    private final Map<String, BusinessCalendar> partners = new ConcurrentHashMap<>();

    public BusinessCalendars(BusinessCalendar team) {
        this.team = team;
    }

    /** The review team's calendar: reviewer SLAs. */
    public BusinessCalendar team() {
        return team;
    }

    /**
     * The calendar of a partner in {@code country}, counted in {@code zone}; the team's when the partner's country is
     * not known (claims made before the partner directory).
     *
     * @throws IllegalArgumentException when no holiday calendar exists for the country
     */
    public BusinessCalendar partner(String country, String zone) {
        if (country == null || country.isBlank() || zone == null || zone.isBlank()) {
            return team;
        }
        return partners.computeIfAbsent(country.toLowerCase(java.util.Locale.ROOT) + "@" + zone,
                key -> new BusinessCalendar(ZoneId.of(zone), country, CalendarOverrides.forCountry(country)));
    }

    /** Whether a partner in {@code country} can have a calendar (Jollyday knows it, or the platform ships its table). */
    public static boolean knows(String country) {
        try {
            new BusinessCalendar(ZoneId.of("UTC"), country, CalendarOverrides.forCountry(country));
            return true;
        } catch (RuntimeException unknown) {
            return false;
        }
    }
}
