package com.cpor.events.consents;

import com.cpor.events.ClaimSnapshot;
import com.fasterxml.jackson.annotation.JsonTypeName;

import java.time.Instant;
import java.util.UUID;

/**
 * The consent window opened; the customer is to be told, with a link to the decline page.
 *
 * @param windowEndsAt when the window ends if the customer's notice is delivered at once: the window counts from
 *                     the delivery of the notice (docs/adr/001-consent-window-start.md), so this is an estimate
 * @param consentUrl   no longer written (null): events before the link was encrypted carried the link in clear
 * @param consentLink  the link, encrypted for notification-service
 */
@JsonTypeName("consent.requested")
public record ConsentRequested(UUID eventId, Instant occurredAt, String claimId,
        String consentId, Instant windowEndsAt, String consentUrl, ClaimSnapshot claim, EncryptedLink consentLink)
        implements ConsentEvent {

    /** An event as written before the link was encrypted (readers and tests of the old shape). */
    public ConsentRequested(UUID eventId, Instant occurredAt, String claimId, String consentId, Instant windowEndsAt,
                            String consentUrl, ClaimSnapshot claim) {
        this(eventId, occurredAt, claimId, consentId, windowEndsAt, consentUrl, claim, null);
    }
}
