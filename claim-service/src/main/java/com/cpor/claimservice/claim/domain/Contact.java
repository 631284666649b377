package com.cpor.claimservice.claim.domain;

/**
 * A person to reach; {@code locale} (BCP 47, e.g. pl-PL) picks the language of notifications, {@code timeZone}
 * (IANA, optional) the zone their dates are shown in.
 */
public record Contact(String name, String title, String email, String locale, String timeZone) {
}
