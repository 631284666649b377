package com.cpor.consentservice.consent.domain;

import java.time.Instant;

/**
 * Who declined and how we know: the link's recipient (the customer contact it was sent to), when, and the
 * request's origin, kept as evidence.
 */
public record Declination(Instant at, String recipientName, String recipientEmail, String ipAddress,
                          String userAgent) {
}
