package com.cpor.consentservice.consent.web;

import java.util.List;

/** The consent page's content; dates already formatted for the customer's locale. */
record ConsentPageView(
        String consentId,
        String status,
        String partnerId,
        String partnerContactName,
        String partnerContactEmail,
        String customerName,
        String customerDomain,
        String customerTenantId,
        List<ProductLine> products,
        String program,
        String windowEndsAtIso,
        String windowEndsAt,
        String closedAt,
        String declinedAt,
        String declinedBy) {

    record ProductLine(String code, String name, String subscriptionId) {
    }
}
