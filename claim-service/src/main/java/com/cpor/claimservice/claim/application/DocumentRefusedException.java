package com.cpor.claimservice.claim.application;

/** An uploaded document the claim cannot take for its size or its kind of content. */
public class DocumentRefusedException extends RuntimeException {

    public enum Reason {
        /** Above the size allowed for one document or for all of a claim's documents together. */
        TOO_LARGE,
        /** Not one of the accepted types, judged by the file's content. */
        UNSUPPORTED_TYPE
    }

    private final Reason reason;

    public DocumentRefusedException(Reason reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
