package com.cpor.events;

public enum RejectionReason {
    // reviewer decisions
    INSUFFICIENT_POE, MISSING_CUSTOMER_CONSENT_ON_POE, MISSING_PRODUCTS, POE_UNAVAILABLE,
    // system: the partner did not respond in time
    NO_PARTNER_RESPONSE,
    // customer opted out during the consent window (final)
    CUSTOMER_DECLINED,
    // partner withdrew the claim (final)
    PARTNER_REQUEST;

    /** Rejections that can never be disputed. */
    public boolean isFinalByNature() {
        return this == CUSTOMER_DECLINED || this == PARTNER_REQUEST;
    }

    public boolean isReviewerReason() {
        return this == INSUFFICIENT_POE || this == MISSING_CUSTOMER_CONSENT_ON_POE
                || this == MISSING_PRODUCTS || this == POE_UNAVAILABLE;
    }
}
