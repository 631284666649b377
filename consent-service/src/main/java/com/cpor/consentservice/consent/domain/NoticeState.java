package com.cpor.consentservice.consent.domain;

/**
 * Where the customer's consent notice stands. The window counts from its delivery: until then it is held (its end
 * is only an estimate and no timer runs), so the customer always has the whole window to decline.
 */
public enum NoticeState {
    /** Sent for delivery; notification-service has not reported yet. */
    AWAITING_DELIVERY,
    /** The customer's mail server accepted the notice: the window runs from then. */
    DELIVERED,
    /** Delivery failed for good; held until an operator resends the notice (its delivery then starts the window). */
    FAILED
}
