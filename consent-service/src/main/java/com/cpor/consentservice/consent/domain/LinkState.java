package com.cpor.consentservice.consent.domain;

/** What a customer's link can still do at a given moment. */
public enum LinkState {
    /** The window is open: the page offers the Decline button. */
    USABLE,
    /** The customer already declined with this link. */
    ALREADY_USED,
    /** The window elapsed or was closed: the link no longer works. */
    EXPIRED
}
