package com.cpor.claimservice.claim.domain;

import com.cpor.events.ClaimStatus;

import java.util.List;

/** An edit touched fields that may not change in the claim's status (mass assignment is refused, not ignored). */
public class FieldsNotEditableException extends RuntimeException {

    private final List<String> fields;
    private final ClaimStatus status;

    public FieldsNotEditableException(List<String> fields, ClaimStatus status) {
        super("Fields " + fields + " cannot be changed while the claim is " + status);
        this.fields = List.copyOf(fields);
        this.status = status;
    }

    public List<String> fields() {
        return fields;
    }

    public ClaimStatus status() {
        return status;
    }
}
