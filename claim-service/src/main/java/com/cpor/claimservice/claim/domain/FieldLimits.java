package com.cpor.claimservice.claim.domain;

/**
 * The bounds of a claim's fields, checked before any other rule looks at a value (a configured copy comes from
 * {@code cpor.claim.limits.*}).
 *
 * @param maxText     characters of a name, title, domain or other short text
 * @param maxProducts products (with their subscriptions) one claim may list
 */
public record FieldLimits(int maxText, int maxProducts) {

    public static final FieldLimits DEFAULTS = new FieldLimits(200, 50);

    /** RFC 5321: a forward path holds at most 254 characters of address. */
    public static final int MAX_EMAIL = 254;
    /** The longest language tag worth keeping (RFC 5646 recommends supporting 35 characters). */
    public static final int MAX_LOCALE = 35;
    /** RFC 1035: a domain name has at most 253 characters in text form. */
    public static final int MAX_DOMAIN = 253;
    /** Declared e-mail domains of one customer (contact-domain warning): a few, not a directory. */
    public static final int MAX_DECLARED_DOMAINS = 20;
    /** The longest IANA zone id is 32 characters (America/Argentina/ComodRivadavia). */
    public static final int MAX_TIME_ZONE = 64;

    public FieldLimits {
        if (maxText < 1 || maxProducts < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}
