package com.cpor.consentservice.consent.domain;

/** Where a consent window stands. Only {@link #OPEN} windows accept a decline. */
public enum ConsentStatus {
    /** The customer may decline until the window ends. */
    OPEN,
    /** The customer declined; the claim becomes REJECTED(CUSTOMER_DECLINED). */
    DECLINED,
    /** The window ended without a decline; the association goes to eligibility evaluation. */
    ELAPSED,
    /** The claim left APPROVED during the window (e.g. withdrawn by the partner); the link is dead. */
    CLOSED
}
