package com.cpor.claimservice.claim.domain;

/** A product code from the catalogue; Business Applications products also name the customer's subscription. */
public record Product(String code, String subscriptionId) {

    /** What exclusivity is judged on: the workload (Microsoft 365) or the subscription (Business Applications). */
    public String exclusivityKey() {
        return subscriptionId == null || subscriptionId.isBlank() ? code : code + ":" + subscriptionId.toLowerCase();
    }
}
