package com.cpor.platform.calendar;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Dates on which a country's calendar differs from "Monday to Friday minus Jollyday's public holidays":
 * weekend days that are worked to bridge a holiday (China, Russia, Hungary), holidays decreed per year or
 * missing from Jollyday, and weekdays Jollyday wrongly marks as holidays.
 * <p>
 * A country's table is the classpath resource {@code calendar-overrides/<country>.txt}, one date per line:
 * <pre>
 * # comment
 * 2025-01-26 working   Spring Festival swap (Sunday)
 * 2025-01-28 holiday   Spring Festival
 * </pre>
 * A line {@code covered-through 2026-12-31} states the last date whose decrees the table holds: the days off
 * and worked days of such countries are decreed year by year, so past that date the table is silent and
 * deadlines fall back to Jollyday's base rules (see {@link CalendarCoverage}).
 * <p>
 * A deployment adds to it with {@code cpor.calendar.extra-holidays} / {@code extra-working-days}, which win
 * where they disagree with the table.
 *
 * @param workingDays    dates that are business days whatever the weekday or Jollyday say
 * @param holidays       dates that are never business days
 * @param coveredThrough the last date the table's decrees cover, or null where no yearly decree is needed
 */
public record CalendarOverrides(Set<LocalDate> workingDays, Set<LocalDate> holidays, LocalDate coveredThrough) {

    public static final CalendarOverrides NONE = new CalendarOverrides(Set.of(), Set.of());
    static final String RESOURCE_DIRECTORY = "calendar-overrides/";
    private static final String COVERED_THROUGH = "covered-through";

    public CalendarOverrides(Set<LocalDate> workingDays, Set<LocalDate> holidays) {
        this(workingDays, holidays, null);
    }

    public CalendarOverrides {
        workingDays = Set.copyOf(workingDays);
        holidays = Set.copyOf(holidays);
        Set<LocalDate> both = new HashSet<>(workingDays);
        both.retainAll(holidays);
        if (!both.isEmpty()) {
            throw new IllegalArgumentException("Dates both working day and holiday: " + both);
        }
    }

    /** The shipped table of a country, or {@link #NONE} if there is none. */
    public static CalendarOverrides forCountry(String country) {
        String resource = RESOURCE_DIRECTORY + country.toLowerCase(Locale.ROOT) + ".txt";
        ClassLoader loader = CalendarOverrides.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                return NONE;
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            return parse(resource, reader.lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + resource, e);
        }
    }

    public static boolean existsFor(String country) {
        return CalendarOverrides.class.getClassLoader()
                .getResource(RESOURCE_DIRECTORY + country.toLowerCase(Locale.ROOT) + ".txt") != null;
    }

    /** Reads the table format; a malformed line fails with its source and line number. */
    public static CalendarOverrides parse(String source, List<String> lines) {
        Set<LocalDate> working = new HashSet<>();
        Set<LocalDate> holidays = new HashSet<>();
        LocalDate coveredThrough = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+", 3);
            if (parts.length < 2) {
                throw malformed(source, i, line, "expected '<yyyy-mm-dd> working|holiday [description]'");
            }
            if (parts[0].equals(COVERED_THROUGH)) {
                coveredThrough = date(source, i, line, parts[1]);
                continue;
            }
            LocalDate date = date(source, i, line, parts[0]);
            boolean added = switch (parts[1].toLowerCase(Locale.ROOT)) {
                case "working" -> working.add(date);
                case "holiday" -> holidays.add(date);
                default -> throw malformed(source, i, line, "expected 'working' or 'holiday', not " + parts[1]);
            };
            if (!added) {
                throw malformed(source, i, line, "the date is listed twice");
            }
        }
        return new CalendarOverrides(working, holidays, coveredThrough);
    }

    private static LocalDate date(String source, int index, String line, String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw malformed(source, index, line, "not an ISO date: " + text);
        }
    }

    /** This table with {@code deployment}'s dates added; where they disagree, the deployment wins. */
    public CalendarOverrides overriddenBy(CalendarOverrides deployment) {
        Set<LocalDate> working = new HashSet<>(workingDays);
        Set<LocalDate> off = new HashSet<>(holidays);
        working.removeAll(deployment.holidays());
        off.removeAll(deployment.workingDays());
        working.addAll(deployment.workingDays());
        off.addAll(deployment.holidays());
        return new CalendarOverrides(working, off, coveredThrough);
    }

    private static IllegalArgumentException malformed(String source, int index, String line, String problem) {
        return new IllegalArgumentException(source + " line " + (index + 1) + " '" + line + "': " + problem);
    }
}
