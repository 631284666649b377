package com.cpor.claimservice.claim.application;

/** What the caller asked for does not exist, or the caller may not know that it does (another partner's claim). */
public class NotFoundException extends RuntimeException {

    private final String what;
    private final String id;

    public NotFoundException(String what, String id) {
        super(what + " " + id + " was not found");
        this.what = what;
        this.id = id;
    }

    /** The kind of thing: Claim, Document, Partner. */
    public String what() {
        return what;
    }

    public String id() {
        return id;
    }
}
