package com.cpor.claimservice.claim.domain;

import java.util.List;

/**
 * The customer tenant the partner claims to serve. {@code declaredDomains}: further e-mail domains the customer uses
 * besides {@code domain}; a customer contact at none of them raises the reviewers' contact-domain warning (§8).
 */
public record Customer(String tenantId, String domain, String name, List<String> declaredDomains) {

    public Customer {
        declaredDomains = declaredDomains == null ? List.of() : List.copyOf(declaredDomains);
    }

    public Customer(String tenantId, String domain, String name) {
        this(tenantId, domain, name, List.of());
    }
}
