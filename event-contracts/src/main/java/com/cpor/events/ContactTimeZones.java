package com.cpor.events;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The time zone a contact's dates are shown in: the contact's own IANA zone when it has one, else the zone of the
 * country of its locale where that country keeps one civil time (or one reference time: Moscow for Russia), else
 * the deployment's zone. English (en-US) is read worldwide and the United States span several zones, so en-US
 * gives no default of its own.
 */
public final class ContactTimeZones {

    private static final Map<String, ZoneId> BY_COUNTRY = Map.of(
            "PL", ZoneId.of("Europe/Warsaw"),
            "HU", ZoneId.of("Europe/Budapest"),
            "RU", ZoneId.of("Europe/Moscow"),
            "CN", ZoneId.of("Asia/Shanghai"));

    private static final Set<String> IANA_IDS = ZoneId.getAvailableZoneIds();

    private ContactTimeZones() {
    }

    /** True for a region id of the IANA time zone database (e.g. Europe/Warsaw); offsets like +02:00 are not. */
    public static boolean isIanaId(String value) {
        return value != null && IANA_IDS.contains(value);
    }

    /** The default zone of a locale's country, if the country has one. */
    public static Optional<ZoneId> defaultFor(String localeTag) {
        if (localeTag == null || localeTag.isBlank()) {
            return Optional.empty();
        }
        return Optional.ofNullable(BY_COUNTRY.get(Locale.forLanguageTag(localeTag).getCountry().toUpperCase(Locale.ROOT)));
    }

    /** The zone to show {@code contact}'s dates in; {@code fallback} (the deployment's zone) when nothing else says. */
    public static ZoneId of(String timeZone, String localeTag, ZoneId fallback) {
        if (isIanaId(timeZone)) {
            try {
                return ZoneId.of(timeZone);
            } catch (DateTimeException unknownHere) {
                // a zone this JVM's tz database lacks: fall through to the defaults
            }
        }
        return defaultFor(localeTag).orElse(fallback);
    }

    public static ZoneId of(ClaimSnapshot.Contact contact, ZoneId fallback) {
        return contact == null ? fallback : of(contact.timeZone(), contact.locale(), fallback);
    }
}
