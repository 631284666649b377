package com.cpor.claimservice.claim.domain;

/** One edited field with its value before and after, for the history. */
public record FieldChange(String field, Object before, Object after) {
}
