package com.cpor.claimservice.claim.domain;

/** The customer tenant the partner claims to serve. */
public record Customer(String tenantId, String domain, String name) {
}
