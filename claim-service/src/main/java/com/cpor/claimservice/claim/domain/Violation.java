package com.cpor.claimservice.claim.domain;

/** One invalid field (path like {@code customer.tenantId} or {@code products[1].code}) and what is wrong with it. */
public record Violation(String field, String message) {
}
