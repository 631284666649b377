package com.cpor.claimservice.claim.application;

/** A change refused for a reason other than the claim's status: a duplicate, an exhausted allowance, an ID in use. */
public class ClaimConflictException extends RuntimeException {

    /** Each kind is its own stable problem type on the API. */
    public enum Conflict {
        DUPLICATE_ACTIVE_CLAIM, DOCUMENT_LIMIT, COMMENT_LIMIT, PARTNER_ID_TAKEN, PARTNER_ID_IN_USE
    }

    private final Conflict conflict;

    public ClaimConflictException(Conflict conflict, String detail) {
        super(detail);
        this.conflict = conflict;
    }

    public Conflict conflict() {
        return conflict;
    }
}
