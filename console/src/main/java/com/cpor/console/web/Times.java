package com.cpor.console.web;

import com.cpor.console.config.ConsoleProperties;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;

/**
 * Instants from the APIs shown in the user's time zone (the browser reports it in the {@code cpor_tz} cookie,
 * set by /js/console.js) and locale: {@code ${@times.at(claim.deadlines.partnerResponseDueAt)}}.
 */
@Component("times")
public class Times {

    static final String ZONE_COOKIE = "cpor_tz";
    private final ZoneId defaultZone;

    public Times(ConsoleProperties properties) {
        this.defaultZone = properties.defaultTimeZone();
    }

    public String at(Object instant) {
        if (instant == null || instant.toString().isBlank()) {
            return "";
        }
        ZoneId zone = zone();
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(LocaleContextHolder.getLocale()).withZone(zone)
                .format(Instant.parse(instant.toString())) + " (" + zone.getId() + ")";
    }

    public ZoneId zone() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            if (request.getCookies() != null) {
                for (Cookie cookie : request.getCookies()) {
                    if (ZONE_COOKIE.equals(cookie.getName())) {
                        try {
                            return ZoneId.of(java.net.URLDecoder.decode(cookie.getValue(),
                                    java.nio.charset.StandardCharsets.UTF_8));
                        } catch (DateTimeException | IllegalArgumentException unknown) {
                            return defaultZone;
                        }
                    }
                }
            }
        }
        return defaultZone;
    }
}
