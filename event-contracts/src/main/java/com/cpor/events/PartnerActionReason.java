package com.cpor.events;

public enum PartnerActionReason {
    MISSING_ALL_POE,
    /** the customer's signature is not on the PoE */
    MISSING_CUSTOMER_ACKNOWLEDGEMENT,
    MISSING_OR_OUTDATED_DATES,
    MISSING_PARTNER_SOLUTION_OR_SERVICE,
    MISSING_PRODUCTS
}
