package com.cpor.claimservice.claim.domain;

import java.util.List;

/**
 * The customer tenant the partner claims to serve. {@code declaredDomains}: further e-mail domains the customer uses
 * besides {@code domain}; a customer contact at none of them raises the reviewers' contact-domain warning (§8).
 */
public record Customer(String tenantId, String domain, String name, List<String> declaredDomains) {

    public Customer {
        // a null entry is kept for the rules to name (customer.declaredDomains[i]); List.copyOf would refuse the body
        declaredDomains = declaredDomains == null ? List.of()
                : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(declaredDomains));
    }

    public Customer(String tenantId, String domain, String name) {
        this(tenantId, domain, name, List.of());
    }
}
