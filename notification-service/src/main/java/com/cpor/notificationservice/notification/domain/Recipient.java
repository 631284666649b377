package com.cpor.notificationservice.notification.domain;

/**
 * Who receives a notice: an e-mail address, a display name, a BCP 47 locale tag and the IANA time zone dates are
 * shown in (null: the locale's country's zone, else the configured one; see ContactTimeZones).
 */
public record Recipient(String email, String name, String localeTag, String timeZone) {

    public Recipient(String email, String name, String localeTag) {
        this(email, name, localeTag, null);
    }

    public boolean hasAddress() {
        return email != null && !email.isBlank();
    }
}
