package com.cpor.consentservice.consent.web;

import java.util.List;

/**
 * The consent page's content; dates already formatted for the customer's locale.
 *
 * @param partnerOrganisation the organisation behind the partner ID (partner directory); null for claims before it
 * @param partnerDisplayName  who asks, as the page's sentences name it: the organisation with its MPN, else the MPN
 */
record ConsentPageView(
        String consentId,
        String status,
        String partnerId,
        String partnerOrganisation,
        String partnerDisplayName,
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
