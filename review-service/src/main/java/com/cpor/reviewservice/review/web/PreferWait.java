package com.cpor.reviewservice.review.web;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code wait} preference of RFC 7240 ({@code Prefer: wait=<delta-seconds>}, possibly beside others:
 * {@code Prefer: respond-async, wait=10}). As the RFC asks, the first {@code wait} counts and a preference the
 * server cannot read is ignored, not refused: a malformed or zero wait answers at once, as without the header.
 */
final class PreferWait {

    static final String PREFER = "Prefer";
    static final String PREFERENCE_APPLIED = "Preference-Applied";

    private static final Pattern DELTA_SECONDS = Pattern.compile("\\d{1,9}");

    private PreferWait() {
    }

    /** The wait asked for in these {@code Prefer} header values, if a positive one is. */
    static Optional<Duration> requested(List<String> preferHeaders) {
        if (preferHeaders == null) {
            return Optional.empty();
        }
        for (String header : preferHeaders) {
            for (String preference : header.split(",")) {
                String token = preference.split(";", 2)[0];
                int equals = token.indexOf('=');
                String name = (equals < 0 ? token : token.substring(0, equals)).trim();
                if (!name.equalsIgnoreCase("wait")) {
                    continue;
                }
                String value = equals < 0 ? "" : unquote(token.substring(equals + 1).trim());
                if (!DELTA_SECONDS.matcher(value).matches() || Long.parseLong(value) == 0) {
                    return Optional.empty();
                }
                return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
            }
        }
        return Optional.empty();
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }
}
